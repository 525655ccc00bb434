import Glibc
import KernelProtocol
import Logging
import ProcessSupervision

/// Runs queued tasks one at a time and applies the protocol's rules around the language runner:
/// skipped steps, `*` heuristics (with the Makefile rule first), shell commands, the
/// failed-build rule, and exactly one terminal frame per task.
struct TaskWorker: Sendable {
    let runner: any BaseRunner
    /// The persistent interpreter of query mode, when the runner has one.
    let querySession: (any QuerySession)?
    let configuration: RunnerConfiguration
    /// Compiled snippets of query mode (``RunnerConfiguration/compileCache``), shared by every task.
    let compileCache: CompileCache?
    let environment: [String: String]
    let runtimePath: String
    let sink: any MessageSink
    let logger: Logger
    /// Publishes the task in progress so `interrupt` and `input` can reach it.
    let publish: @Sendable (RunContext?) -> Void

    /// Serves tasks until the queue ends.
    func serve(_ tasks: TaskQueue) async {
        // Made once, so that every batch run passes the same dictionary on (see `perform`).
        var batchEnvironment = environment
        batchEnvironment["_BACKEND_BATCH_MODE"] = "1"
        batchEnvironment.merge(runner.batchEnvironment) { current, _ in current }
        var lastBuildFailed = false
        while let task = await tasks.next() {
            switch task {
            case .clean(let command):
                let result = await perform(.clean, command) { await runner.clean($0) }
                sink.send(.cleanFinished(result))
            case .build(let command):
                let result = await perform(.build, command) { context in
                    context.fileExists("Makefile") ? await context.shell("make") : await runner.build(context)
                }
                lastBuildFailed = result.exitCode != 0
                sink.send(.buildFinished(result))
            case .exec(let command):
                if lastBuildFailed {
                    lastBuildFailed = false
                    logger.info("exec skipped: the last build failed")
                    sink.send(.finished(RunResult(exitCode: StepOutcome.skipped.exitCode)))
                    continue
                }
                let result = await perform(.exec, command, environment: batchEnvironment) { await runner.execute($0) }
                sink.send(.finished(result))
            case .code(let code):
                let result = await perform(.query, nil) { context in
                    if let querySession {
                        await querySession.execute(code, context)
                    } else {
                        await runner.query(code, context)
                    }
                }
                sink.send(.finished(result))
            }
        }
    }

    /// Runs one step: `command` nil means query mode (always the runner), `""` skips, `*` asks
    /// the heuristic, anything else goes to `/bin/sh -c`. The same `environment` dictionary for
    /// each run of a kind lets spawns reuse its form laid out for `execve`.
    private func perform(
        _ step: RunContext.Step,
        _ command: String?,
        environment: [String: String]? = nil,
        heuristic: (RunContext) async -> StepOutcome
    ) async -> RunResult {
        if command == "" { return .success }
        let context = RunContext(
            step: step,
            workingDirectory: configuration.workingDirectory,
            runtimePath: runtimePath,
            environment: environment ?? self.environment,
            logPrefix: runner.logPrefix,
            interactiveIO: runner.interactiveStandardIO,
            interruptGrace: configuration.interruptGrace,
            limits: configuration.limits,
            sandbox: configuration.sandbox,
            compileCache: compileCache,
            sink: sink,
            logger: logger
        )
        publish(context)
        let started = ContinuousClock.now
        let watchdog = configuration.limits.wallTime.map { limit in
            Task {
                try await Task.sleep(for: limit)
                context.timeOut()
            }
        }
        let outcome: StepOutcome
        if let command, command != "*" {
            outcome = await context.shell(command)
        } else {
            outcome = await heuristic(context)
        }
        watchdog?.cancel()
        publish(nil)
        context.finish()
        var result = RunResult(outcome, status: context.lastStatus, stopCause: context.stopCause, wallTime: ContinuousClock.now - started)
        let refused = context.denials.summary
        if let first = refused.first {
            result.policyDenials = refused.count
            logger.notice("sandbox refused \(refused.count) calls of the \(step) task; the first: \(first)")
        }
        return result
    }
}

extension RunResult {
    /// The terminal payload: the outcome's exit code, plus what we know of how the last child
    /// ended when its exit code is the answer.
    init(_ outcome: StepOutcome, status: TerminationStatus?, stopCause: RunContext.StopCause?, wallTime: Duration) {
        self.init(exitCode: outcome.exitCode, wallTime: wallTime.seconds)
        guard let status, status.exitCode == outcome.exitCode else {
            // A persistent interpreter's cell the daemon stopped: no process ended, but why it
            // stopped is known.
            if status == nil, let stopCause { reason = stopCause.reason }
            return
        }
        // A kill by the daemon says why it stopped the run; else a kill at the memory limit
        // explains the failure, also when a shell reports its killed child as 128 + 9.
        let reachedMemoryLimit = status.memoryLimitKills > 0 && !outcome.isSuccess
        switch (status.reason, stopCause) {
        case (.exited, _):
            reason = reachedMemoryLimit ? .memory : .exited
        case (.signaled(let number), .some(let cause)):
            signal = number
            reason = cause.reason
        case (.signaled(let number), nil):
            signal = number
            reason = reachedMemoryLimit ? .memory : number == SIGXCPU ? .cpu : .signaled
        }
        cpuTime = status.cpuTime.seconds
        maxRSS = status.maxRSSBytes
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}

extension RunContext.StopCause {
    /// The terminal frame's `reason` for a run the daemon stopped.
    var reason: RunResult.Reason {
        switch self {
        case .interrupted: .interrupted
        case .timeout: .timeout
        case .outputLimit: .outputLimit
        }
    }
}
