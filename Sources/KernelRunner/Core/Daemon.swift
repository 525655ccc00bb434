import Glibc
import KernelProtocol
public import KernelTransport
public import Logging
import Synchronization

/// The kernel runner: reads the agent's requests, queues the runs, answers the rest inline.
public final class Daemon: Sendable {
    private let runner: any BaseRunner
    private let transport: ZMQTransport
    private let services: any ServiceController
    /// Runs before the first queued task (the container boot: `bootstrap.sh`).
    private let startup: @Sendable () async -> Void
    private let logger: Logger
    private let worker: TaskWorker
    /// The persistent interpreter of query mode, when the runner has one.
    private let querySession: (any QuerySession)?
    private let inputSocketPath: String?
    private let tasks = TaskQueue()
    private let state = Mutex(State())
    /// The task in progress, published by the worker so `interrupt` and `input` reach it.
    private let currentRun = CurrentRun()
    /// `time.monotonic()` of the original: an identity/restart marker for the agent.
    private let startedAt: Double

    private struct State {
        var stopping = false
        var workerTask: Task<Void, Never>?
        var inputServer: InputSocketServer?
    }

    /// Creates a daemon for one language on a bound transport.
    ///
    /// - Parameters:
    ///   - taskSink: where the frames of queued tasks go (e.g. also into the per-task logs);
    ///     the transport by default.
    ///   - startup: awaited before the first queued task runs; inline requests such as
    ///     `status` are answered meanwhile.
    public init(
        runner: any BaseRunner,
        configuration: RunnerConfiguration,
        environment: ChildEnvironment,
        runtimePath: String,
        transport: ZMQTransport,
        services: any ServiceController,
        logger: Logger,
        taskSink: (any MessageSink)? = nil,
        startup: @escaping @Sendable () async -> Void = {}
    ) {
        self.runner = runner
        self.transport = transport
        self.services = services
        self.startup = startup
        self.logger = logger
        self.startedAt = Self.monotonicSeconds()
        var environment = environment
        runner.prepareEnvironment(&environment)
        let currentRun = self.currentRun
        var processLimits = configuration.limits.process
        // An rlimit on CPU time would add up over every run of a persistent interpreter.
        processLimits.cpuSeconds = nil
        let querySettings = QuerySessionSettings(
            runtimePath: runtimePath,
            environment: environment.variables,
            workingDirectory: configuration.workingDirectory,
            limits: processLimits,
            usesJupyter: configuration.usesJupyter,
            confinement: configuration.sandbox?.confinement(reportingTo: PolicyDenials { currentRun.get()?.denials }),
            logger: logger
        )
        // --stateless-query: every snippet runs on its own, whatever the language could keep.
        querySession = configuration.statelessQuery ? nil : runner.makeQuerySession(querySettings)
        inputSocketPath = configuration.inputSocketPath
        worker = TaskWorker(
            runner: runner,
            querySession: querySession,
            configuration: configuration,
            compileCache: configuration.compileCache.map { CompileCache($0, logger: logger) },
            environment: environment.variables,
            runtimePath: runtimePath,
            sink: taskSink ?? transport,
            logger: logger,
            publish: { currentRun.set($0) }
        )
    }

    /// Serves requests until the transport closes.
    public func run() async {
        let worker = self.worker
        let tasks = self.tasks
        let startup = self.startup
        // The worker and the request loop run on the transport thread: a request reaches the
        // worker, and its terminal frame the outbox, without waking another thread.
        let workerTask = Task(executorPreference: transport.executor) { [weak self] in
            await startup()
            // A shutdown during startup leaves queued tasks unstarted.
            guard let self, !state.withLock({ $0.stopping }) else { return }
            await worker.serve(tasks)
        }
        let inputServer = startInputServer()
        state.withLock { state in
            state.workerTask = workerTask
            state.inputServer = inputServer
        }
        await withTaskExecutorPreference(transport.executor) {
            for await message in transport.inbound {
                guard !state.withLock({ $0.stopping }) else { continue }
                handle(message)
            }
        }
    }

    /// Graceful stop: stop taking requests, end the run in progress (its terminal frame is still
    /// sent), stop services, flush what is pending within `linger`, close the sockets.
    public func shutdown(linger: Duration = .seconds(1)) async {
        let started = ContinuousClock.now
        let (alreadyStopping, workerTask, inputServer) = state.withLock { state in
            defer { state.stopping = true }
            return (state.stopping, state.workerTask, state.inputServer)
        }
        guard !alreadyStopping else { return }
        let dropped = tasks.finish()
        if dropped > 0 {
            logger.notice("\(dropped) queued task(s) will not run: the daemon is stopping")
        }
        currentRun.get()?.kill()
        inputServer?.stop()
        // Services get their 2 s grace while the run and the interpreter wind down.
        async let servicesStopped: Void = services.shutdownAll()
        await querySession?.shutdown()
        if let workerTask {
            // Bounded for real: a task group would wait for its `value` child anyway.
            _ = await workerTask.value(within: .seconds(2))
        }
        await servicesStopped
        // The whole stop must fit in 3 s. Lingering only helps a connected agent, which takes
        // milliseconds; without one the frames are lost whatever the linger.
        let budget = started + .milliseconds(2500) - ContinuousClock.now
        transport.shutdown(linger: min(linger, max(.milliseconds(100), budget)))
    }

    private func handle(_ message: WireMessage) {
        let request: InboundMessage
        do {
            request = try InboundMessage(message)
        } catch {
            logger.warning("ignored a message: \(error)")
            if let reply = error.reply {
                transport.send(reply)
            }
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
            let session = querySession
            Task { transport.send(.completion(await QueryCompletion.suggestions(for: completion, session: session, runner: runner))) }
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

    /// Serves the input hook's socket; a daemon that cannot bind it still serves everything else.
    private func startInputServer() -> InputSocketServer? {
        guard let inputSocketPath else { return nil }
        let currentRun = self.currentRun
        do {
            return try InputSocketServer(path: inputSocketPath, logger: logger) { currentRun.get() }
        } catch {
            logger.warning("no input socket: \(error)")
            return nil
        }
    }

    private func enqueue(_ task: QueuedTask) {
        tasks.add(task)
    }

    private static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
