/// Why a service could not be started. ``message`` is the `error` text of the `service-result`
/// frame, worded like the original runner's where the agent or users may match on it.
public struct ServiceError: Error, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: Sendable, Equatable {
        /// No built-in, definition file or runner table knows the name.
        case unsupported
        /// The daemon is stopping.
        case shuttingDown
        /// The request has no port to wait for.
        case missingPort
        /// A service definition (file or model request) is unusable.
        case invalidDefinition
        /// A user argument is not in `allowed_arguments`.
        case argumentNotAllowed
        /// A user variable is not in `allowed_envs`.
        case environmentNotAllowed
        /// A user variable would replace one of the container's own.
        case environmentLocked
        /// A `{…}` or `${{ … }}` template cannot be expanded.
        case template
        /// A prestart action failed.
        case prestart
        /// The resolved command line is empty.
        case emptyCommand
        /// The program does not exist.
        case executableNotFound
        /// The program exists but cannot be executed.
        case notExecutable
        /// The program could not be started for another reason.
        case spawn
        /// The port did not open within the launch timeout.
        case portTimeout
        /// The program exited before its port opened.
        case exitedEarly
    }

    /// The kind of failure.
    public let code: Code
    /// The underlying `errno`, when a system call failed.
    public let errno: Int32?
    /// The text sent to the agent.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String, errno: Int32? = nil) {
        self.code = code
        self.message = message
        self.errno = errno
    }

    public var description: String { message }
}
