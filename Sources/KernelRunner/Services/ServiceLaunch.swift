/// A service resolved down to what to spawn.
struct ServiceLaunch: Sendable, Equatable {
    /// The argument vector; the first word is the program.
    var arguments: [String]
    /// Variables added to (or replacing) the container's environment.
    var environment: [String: String]
    /// The cwd; nil means the work directory.
    var workingDirectory: String?
}
