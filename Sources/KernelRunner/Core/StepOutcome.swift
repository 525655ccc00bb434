public import ProcessSupervision

/// How one step of a task ended (`build`, `exec`, `clean`, or a `code` snippet): what a
/// ``BaseRunner`` and the ``RunContext`` helpers return.
///
/// Each case names one of the original runner's conventions; ``exitCode`` is the number the
/// agent receives in the task's terminal frame (`{"exitCode": n}`), so the values are fixed.
public enum StepOutcome: Sendable, Hashable {
    /// The step's program ended with this exit status; 0 is success.
    case exited(Int)
    /// The step's program was killed by this signal; reported as the negated signal number
    /// (asyncio's convention: -2 after SIGINT).
    case killed(signal: Int32)
    /// What the step needs does not exist: its program, the files a `*` heuristic looks for, or
    /// the step itself in this language; reported as 127, the shell's "command not found".
    case notFound
    /// The step's program exists but cannot be started; reported as 126, the shell's "cannot
    /// execute".
    case notExecutable
    /// The step did not run because the build before it failed; reported as 127, like a
    /// program that is not there.
    case skipped
    /// The step failed without a program's status to report, after telling the user why: the
    /// user's files were rejected (an invalid manifest), or a query interpreter reported an
    /// exception or an interrupt; reported as 1, Python's status after an uncaught exception.
    case failed
    /// The runner itself failed (e.g. it could not write a scratch file), after telling the user
    /// why; reported as -1.
    case runnerFailure

    /// The step did what was asked.
    public static let success = StepOutcome.exited(0)

    /// How a child process that is the step's answer ended.
    public init(_ status: TerminationStatus) {
        switch status.reason {
        case .exited(let code): self = .exited(Int(code))
        case .signaled(let signal): self = .killed(signal: signal)
        }
    }

    /// The exit code of the terminal frame.
    public var exitCode: Int {
        switch self {
        case .exited(let status): status
        case .killed(let signal): -Int(signal)
        case .notFound, .skipped: 127
        case .notExecutable: 126
        case .failed: 1
        case .runnerFailure: -1
        }
    }

    /// True when the agent sees success (exit code 0); a failed build skips the next `exec`.
    public var isSuccess: Bool {
        exitCode == 0
    }
}
