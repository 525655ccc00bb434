import ProcessSupervision

/// One program to run: the argv and what differs from the run's defaults.
struct Invocation: Sendable, Equatable {
    var executable: String
    var arguments: [String]
    /// Variables added to the run's environment.
    var environment: [String: String]
    /// The cwd; `nil` is the work directory.
    var directory: String?

    init(_ executable: String, _ arguments: [String] = [], environment: [String: String] = [:], in directory: String? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.directory = directory
    }

    /// An argv whose first element is the program.
    init(argv: [String]) {
        self.init(argv.first ?? "", Array(argv.dropFirst()))
    }
}

extension RunContext {
    /// Runs `invocation` and returns its exit code.
    func run(_ invocation: Invocation, standardIO: StandardIO? = nil) async -> Int {
        await run(
            invocation.executable,
            invocation.arguments,
            environment: invocation.environment,
            standardIO: standardIO,
            in: invocation.directory
        )
    }
}
