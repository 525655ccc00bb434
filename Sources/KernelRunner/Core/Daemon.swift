import Foundation
import KernelProtocol
public import KernelTransport
public import Logging
import Synchronization

/// The kernel runner: reads the agent's requests, queues the runs, answers the rest inline.
public final class Daemon: Sendable {
    private let runner: any BaseRunner
    private let transport: ZMQTransport
    private let services: any ServiceController
    private let logger: Logger
    private let worker: TaskWorker
    private let tasks: AsyncStream<QueuedTask>
    private let taskQueue: AsyncStream<QueuedTask>.Continuation
    private let state = Mutex(State())
    /// The task in progress, published by the worker so `interrupt` and `input` reach it.
    private let currentRun = CurrentRun()
    /// `time.monotonic()` of the original: an identity/restart marker for the agent.
    private let startedAt: Double

    private struct State {
        var stopping = false
        var workerTask: Task<Void, Never>?
    }

    /// Creates a daemon for one language on a bound transport.
    public init(
        runner: any BaseRunner,
        configuration: RunnerConfiguration,
        environment: ChildEnvironment,
        runtimePath: String,
        transport: ZMQTransport,
        services: any ServiceController,
        logger: Logger
    ) {
        self.runner = runner
        self.transport = transport
        self.services = services
        self.logger = logger
        self.startedAt = Self.monotonicSeconds()
        (tasks, taskQueue) = AsyncStream.makeStream(of: QueuedTask.self)
        var environment = environment
        runner.prepareEnvironment(&environment)
        let currentRun = self.currentRun
        worker = TaskWorker(
            runner: runner,
            configuration: configuration,
            environment: environment.variables,
            runtimePath: runtimePath,
            sink: transport,
            logger: logger,
            publish: { currentRun.set($0) }
        )
    }

    /// Serves requests until the transport closes.
    public func run() async {
        let worker = self.worker
        let tasks = self.tasks
        let workerTask = Task { await worker.serve(tasks) }
        state.withLock { $0.workerTask = workerTask }
        for await message in transport.inbound {
            guard !state.withLock({ $0.stopping }) else { continue }
            handle(message)
        }
    }

    /// Graceful stop: stop taking requests, end the run in progress (its terminal frame is still
    /// sent), stop services, flush what is pending within `linger`, close the sockets.
    public func shutdown(linger: Duration = .seconds(1)) async {
        let (alreadyStopping, workerTask) = state.withLock { state in
            defer { state.stopping = true }
            return (state.stopping, state.workerTask)
        }
        guard !alreadyStopping else { return }
        taskQueue.finish()
        currentRun.get()?.kill()
        await services.shutdownAll()
        if let workerTask {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await workerTask.value }
                group.addTask { try? await Task.sleep(for: .seconds(2)) }
                await group.next()
                group.cancelAll()
            }
        }
        transport.shutdown(linger: linger)
    }

    private func handle(_ message: WireMessage) {
        let request: InboundMessage
        do {
            request = try InboundMessage(message)
        } catch {
            logger.warning("ignored a message: \(error)")
            return
        }
        switch request {
        case .clean(let command): enqueue(.clean(command))
        case .build(let command): enqueue(.build(command))
        case .exec(let command): enqueue(.exec(command))
        case .code(let code): enqueue(.code(code))
        case .input(let text):
            if let run = currentRun.get() {
                run.provideInput(text)
            } else {
                logger.notice("input discarded: no run in progress")
            }
        case .interrupt:
            if let run = currentRun.get() {
                run.interrupt()
            } else {
                logger.info("interrupt ignored: no run in progress")
            }
        case .status:
            transport.send(.status(startedAt: startedAt))
        case .complete(let completion):
            let runner = self.runner
            let transport = self.transport
            Task { transport.send(.completion(await runner.complete(completion))) }
        case .event(let event):
            logger.notice("agent event: \(event.type)")
        case .startService(let service):
            let services = self.services
            let transport = self.transport
            Task { transport.send(.serviceResult(await services.start(service))) }
        case .shutdownService(let name):
            let services = self.services
            Task { await services.shutdown(name) }
        case .getApps(let name):
            transport.send(.appsResult(services.apps(named: name)))
        case .startModelService(let model):
            let services = self.services
            let transport = self.transport
            Task { await services.startModel(model) { transport.send($0) } }
        }
    }

    private func enqueue(_ task: QueuedTask) {
        taskQueue.yield(task)
    }

    private static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
