extension StepOutcome: CustomStringConvertible {
    /// For diagnostics and logs, e.g. `exit status 3`, `killed by signal 9`.
    public var description: String {
        switch self {
        case .exited(let status): "exit status \(status)"
        case .killed(let signal): "killed by signal \(signal)"
        case .notFound: "not found"
        case .notExecutable: "not executable"
        case .skipped: "skipped"
        case .failed: "failed"
        case .runnerFailure: "a failure of the runner"
        }
    }
}
