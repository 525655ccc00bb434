package import KernelProtocol
package import KernelRunnerCore
package import Logging
import ProcessSupervision
import Synchronization
import SystemSupport

/// The ``QuerySession`` of every persistent interpreter: starts it on first use (the first `code`
/// run, or in the background on the first `complete`), runs snippets one at a time, routes
/// interrupts to it, and starts a new one after it died.
///
/// Nothing starts with the daemon: an idle daemon holds no interpreter (ipykernel alone is
/// 60–90 MiB).
package final class PersistentSession: QuerySession {
    /// Starts one interpreter.
    package typealias Launcher = @Sendable () async throws(InteractiveError) -> any InterpreterBackend

    private struct State {
        var backend: (any InterpreterBackend)?
        /// The start in progress; shutdown cancels it, which stops the half-started interpreter.
        var starting: Task<Result<any InterpreterBackend, InteractiveError>, Never>?
        /// A `complete` may start the interpreter: not again after such a start failed (code runs
        /// still retry), nor while one is under way.
        var completionMayStart = true
        /// Launchers before this index failed to start and are not tried again.
        var launcherIndex = 0
        /// The run in progress, by number, so a late interrupt escalation cannot hit the next one.
        var executing: Int?
        var executions = 0
        /// The run in progress was interrupted and the interpreter killed for ignoring it.
        var killedAfterInterrupt = false
        var isShutDown = false
    }

    /// When an interrupt is repeated (the first may have come before the snippet started, when
    /// the interpreter ignores it) and when the interpreter is killed (its state is lost).
    static let interruptRepeat = Duration.seconds(1)
    static let interruptEscalation = Duration.seconds(3)

    private static let shuttingDown = InteractiveError(.exitedDuringStart, "the daemon is shutting down")

    private let launchers: [Launcher]
    private let logger: Logger
    private let launchLock = AsyncLock()
    private let state = Mutex(State())

    /// - Parameter launchers: tried in order; one that fails to start is skipped from then on
    ///   (e.g. a broken Jupyter kernelspec falls back to the built-in driver).
    package init(launchers: [Launcher], logger: Logger) {
        self.launchers = launchers
        self.logger = logger
    }

    package func execute(_ code: String, _ context: RunContext) async -> StepOutcome {
        let backend: any InterpreterBackend
        switch await liveBackend(for: context) {
        case .success(let live): backend = live
        case .failure(let error):
            context.diagnostic("query mode is unavailable: \(error)")
            return .notFound
        }
        let execution = state.withLock { state in
            state.executions += 1
            state.executing = state.executions
            state.killedAfterInterrupt = false
            return state.executions
        }
        context.onInterrupt { [self] in interrupt(backend, execution: execution) }
        guard !context.isInterrupted else {
            state.withLock { $0.executing = nil }
            context.diagnostic("interrupted before the snippet started")
            return .failed
        }
        let outcome = await backend.execute(code, context)
        let killed = state.withLock { state in
            state.executing = nil
            return state.killedAfterInterrupt
        }
        if let outcome { return outcome }
        forget(backend)
        let status = await backend.exitStatus(within: .seconds(2))
        if let status {
            context.record(ended: status)
        }
        let ended = status.map(StepOutcome.init)
        if killed {
            context.diagnostic("\(backend.name) ignored the interrupt and was stopped; its state is lost, the next run starts a new one")
        } else {
            let how = ended?.description ?? "no exit status"
            context.diagnostic("\(backend.name) ended unexpectedly (\(how)); its state is lost, the next run starts a new one")
        }
        return ended ?? .runnerFailure
    }

    package func complete(_ request: CompletionRequest) async -> [String]? {
        guard let backend = state.withLock({ $0.backend }), backend.isAlive else {
            startForCompletion(request)
            return nil
        }
        return await backend.complete(request)
    }

    package func shutdown() async {
        let (backend, starting) = state.withLock { state in
            state.isShutDown = true
            defer { state.backend = nil }
            return (state.backend, state.starting)
        }
        starting?.cancel()
        await backend?.shutdown()
        // Bounded: a cancelled start kills its interpreter and reaps it.
        _ = await starting?.value
    }

    // MARK: - Private

    /// Starts the interpreter in the background for a `complete` that found none, so the
    /// completions after it come from the live namespace; meanwhile the runner's fallback answers.
    /// The request is then sent to the new interpreter to load its completer (seconds with jedi).
    private func startForCompletion(_ request: CompletionRequest) {
        let mayStart = state.withLock { state in
            defer { state.completionMayStart = false }
            return state.completionMayStart && !state.isShutDown
        }
        guard mayStart else { return }
        Task { [self] in
            guard case .success(let backend) = await liveBackend(for: nil) else { return }
            state.withLock { $0.completionMayStart = true }
            _ = await backend.complete(request)
        }
    }

    /// The running interpreter, started if needed; `context` hears about a lost state.
    private func liveBackend(for context: RunContext?) async -> Result<any InterpreterBackend, InteractiveError> {
        await launchLock.withLock {
            let (current, startIndex) = state.withLock { ($0.backend, $0.launcherIndex) }
            if let current, current.isAlive { return .success(current) }
            let start = state.withLock { state -> Task<Result<any InterpreterBackend, InteractiveError>, Never>? in
                guard !state.isShutDown else { return nil }
                let task = Task { await launch(from: startIndex) }
                state.starting = task
                return task
            }
            guard let start else { return .failure(Self.shuttingDown) }
            if let current {
                logger.warning("\(current.name) ended between runs; starting a new one")
                context?.diagnostic("\(current.name) ended since the last run; its state is lost, this run starts a new one")
            }
            let result = await start.value
            state.withLock { $0.starting = nil }
            return result
        }
    }

    /// Tries the launchers from `startIndex` on; the first that starts becomes the backend.
    private func launch(from startIndex: Int) async -> Result<any InterpreterBackend, InteractiveError> {
        var lastError = InteractiveError(.spawn, "no interpreter is configured")
        for index in startIndex..<launchers.count {
            guard !Task.isCancelled else { return .failure(Self.shuttingDown) }
            do throws(InteractiveError) {
                let backend = try await launchers[index]()
                let kept = state.withLock { state in
                    guard !state.isShutDown else { return false }
                    state.backend = backend
                    state.launcherIndex = index
                    return true
                }
                guard kept else {
                    // Up just as the shutdown came: it holds no user state yet.
                    backend.kill()
                    _ = await backend.exitStatus(within: .seconds(1))
                    return .failure(Self.shuttingDown)
                }
                return .success(backend)
            } catch {
                guard !Task.isCancelled else { return .failure(Self.shuttingDown) }
                logger.error("cannot start a query interpreter: \(error)")
                lastError = error
            }
        }
        // Nothing started; the last launcher is retried on the next run.
        state.withLock { state in
            state.backend = nil
            state.launcherIndex = max(launchers.count - 1, 0)
        }
        return .failure(lastError)
    }

    private func forget(_ backend: any InterpreterBackend) {
        state.withLock { state in
            if state.backend === backend {
                state.backend = nil
            }
        }
    }

    private func interrupt(_ backend: any InterpreterBackend, execution: Int) {
        backend.interrupt()
        Task { [self] in
            try? await Task.sleep(for: Self.interruptRepeat)
            guard state.withLock({ $0.executing == execution }) else { return }
            backend.interrupt()
            try? await Task.sleep(for: Self.interruptEscalation)
            let stillRunning = state.withLock { state in
                guard state.executing == execution else { return false }
                state.killedAfterInterrupt = true
                return true
            }
            if stillRunning {
                logger.warning("\(backend.name) ignored interrupts; killing it")
                backend.kill()
            }
        }
    }
}
