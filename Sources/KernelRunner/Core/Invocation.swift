public import ProcessSupervision

/// One program to run: the argv and what differs from the run's defaults.
public struct Invocation: Sendable, Equatable {
    /// An absolute path or a name looked up in the run's `PATH`.
    public var executable: String
    public var arguments: [String]
    /// Variables added to the run's environment.
    public var environment: [String: String]
    /// The cwd; `nil` is the work directory.
    public var directory: String?

    public init(_ executable: String, _ arguments: [String] = [], environment: [String: String] = [:], in directory: String? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.directory = directory
    }

    /// An argv whose first element is the program.
    public init(argv: [String]) {
        self.init(argv.first ?? "", Array(argv.dropFirst()))
    }
}

extension RunContext {
    /// Runs `invocation` and returns how it ended (see ``run(_:_:environment:standardIO:in:)``).
    public func run(_ invocation: Invocation, standardIO: StandardIO? = nil) async -> StepOutcome {
        await run(invocation, standardIO: standardIO, recordingInto: nil)
    }

    /// Runs `invocation`, copying its output into `recorder` as it is forwarded.
    func run(_ invocation: Invocation, standardIO: StandardIO?, recordingInto recorder: OutputRecorder?) async -> StepOutcome {
        await run(
            invocation.executable,
            invocation.arguments,
            environment: invocation.environment,
            standardIO: standardIO,
            in: invocation.directory,
            handlers: handlers(recordingInto: recorder)
        )
    }
}
