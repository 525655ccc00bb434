import Logging

/// What prestart steps need from the daemon.
struct PrestartContext: Sendable {
    /// The service being prepared, for messages.
    var service: String
    /// Relative paths are taken from here (the daemon's own cwd may differ).
    var workingDirectory: String
    /// The environment of `run_command` programs.
    var environment: [String: String]
    /// How long a `run_command` program may run; a hung one must not hold the service lock.
    var commandTimeout: Duration
    var logger: Logger
}
