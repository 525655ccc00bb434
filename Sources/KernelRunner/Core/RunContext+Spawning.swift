import Glibc
import KernelProtocol
public import ProcessSupervision

/// Starting the task's programs and following each to its end.
extension RunContext {
    /// Runs one program to completion and returns how it ended: ``StepOutcome/notFound`` or
    /// ``StepOutcome/notExecutable`` (with a diagnostic) when it cannot be started, killed by
    /// SIGINT when the task was interrupted before it started.
    ///
    /// - Parameters:
    ///   - executable: an absolute path or a name looked up in the run's `PATH`.
    ///   - standardIO: defaults to a pty for `exec`/`code` and pipes for `build`/`clean`.
    public func run(
        _ executable: String,
        _ arguments: [String] = [],
        environment extra: [String: String] = [:],
        standardIO: StandardIO? = nil,
        in directory: String? = nil
    ) async -> StepOutcome {
        await run(executable, arguments, environment: extra, standardIO: standardIO, in: directory, handlers: handlers)
    }

    /// ``run(_:_:environment:standardIO:in:)`` with the handlers of the child's output and input requests.
    func run(
        _ executable: String,
        _ arguments: [String],
        environment extra: [String: String],
        standardIO: StandardIO?,
        in directory: String?,
        handlers: ProcessHandlers
    ) async -> StepOutcome {
        // Interrupted before it started: answered as if the interrupt had ended it.
        if isInterrupted { return .killed(signal: SIGINT) }
        let spec = ProcessSpec(
            executable: executable,
            arguments: arguments,
            environment: merged(with: extra),
            workingDirectory: directory ?? workingDirectory,
            standardIO: standardIO ?? defaultStandardIO,
            limits: limits.process,
            confinement: confinement
        )
        let process: SupervisedProcess
        do {
            process = try SupervisedProcess.spawn(spec, handlers: handlers)
        } catch {
            diagnostic(Self.describe(error, executable: executable))
            return error.code == .executableNotFound ? .notFound : .notExecutable
        }
        return await supervise(process)
    }

    /// Runs a user command. One without shell syntax (``PlainCommand``) is started directly; any
    /// other, and one whose program cannot be started, goes through `/bin/sh -c`, so errors such
    /// as "not found" are the shell's.
    public func shell(_ command: String, environment extra: [String: String] = [:]) async -> StepOutcome {
        if !isInterrupted, let plain = PlainCommand(command) {
            let spec = ProcessSpec(
                executable: plain.program,
                arguments: plain.arguments,
                environment: PlainCommand.environment(merged(with: extra), workingDirectory: workingDirectory),
                workingDirectory: workingDirectory,
                standardIO: defaultStandardIO,
                limits: limits.process,
                confinement: confinement
            )
            if let process = try? SupervisedProcess.spawn(spec, handlers: handlers) {
                return await supervise(process, reportingLikeShell: true)
            }
        }
        return await run("/bin/sh", ["-c", command], environment: extra)
    }

    /// Follows a spawned child to its end; returns how it ended.
    ///
    /// - Parameter reportingLikeShell: the child is a user command run without the shell: its
    ///   end is reported as the shell would have (unless the daemon itself stopped the run, which
    ///   would have killed the shell too).
    func supervise(_ process: SupervisedProcess, reportingLikeShell: Bool = false) async -> StepOutcome {
        let interruptedMeanwhile = state.withLock { state in
            state.process = process
            return state.stopCause != nil
        }
        if interruptedMeanwhile { process.interrupt(grace: interruptGrace) }
        deliverPendingInput()
        var status = await process.wait()
        if reportingLikeShell, stopCause == nil {
            let report = status.asReportedByShell()
            status = report.status
            if let message = report.message {
                sink.send(.stderr(Array(message.utf8)))
            }
        }
        state.withLock { state in
            state.process = nil
            state.waitingForInput = false
        }
        record(ended: status)
        return StepOutcome(status)
    }

    /// The task's environment with `extra` added: the task's own dictionary when there is
    /// nothing to add, so that spawns find its laid-out form from the last run.
    private func merged(with extra: [String: String]) -> [String: String] {
        extra.isEmpty ? environment : environment.merging(extra) { $1 }
    }

    var defaultStandardIO: StandardIO {
        switch step {
        case .exec, .query: interactiveIO
        case .build, .clean: .pipes
        }
    }

    var handlers: ProcessHandlers {
        handlers(recordingInto: nil)
    }

    /// The handlers of a child whose output is also copied into `recorder`.
    func handlers(recordingInto recorder: OutputRecorder?) -> ProcessHandlers {
        ProcessHandlers(
            output: { [weak self] output in
                recorder?.record(output)
                self?.forward(output)
            },
            waitingForInput: { [weak self] isPassword in
                guard let self else { return }
                sink.send(.waitingInput(isPassword: isPassword))
                state.withLock { $0.waitingForInput = true }
                deliverPendingInput()
            }
        )
    }

    static func describe(_ error: SpawnError, executable: String) -> String {
        switch error.code {
        case .executableNotFound: "cannot find \"\(executable)\""
        case .notExecutable: "\"\(executable)\" is not executable"
        default: "cannot start \"\(executable)\": \(error)"
        }
    }
}
