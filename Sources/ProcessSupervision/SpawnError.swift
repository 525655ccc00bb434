import Glibc

/// Why a process could not be started.
public struct SpawnError: Error, CustomStringConvertible {
    /// The failed stage.
    public enum Code: Sendable, Equatable {
        /// The executable does not exist, or a bare name is not found in PATH.
        case executableNotFound
        /// The executable exists but cannot be executed.
        case notExecutable
        /// A pipe or another descriptor could not be created.
        case pipe
        /// The pseudo-terminal could not be opened or made the controlling terminal.
        case pseudoTerminal
        /// The child process or its I/O thread could not be created or set up.
        case fork
        /// `execve` failed for another reason.
        case exec
        /// The working directory could not be entered.
        case workingDirectory
        /// A resource limit could not be applied.
        case limits
        /// The sandbox (no_new_privs, Landlock, the seccomp filter) could not be applied.
        case confinement
    }

    /// The failed stage.
    public let code: Code
    /// The underlying `errno`.
    public let errno: Int32

    /// Creates an error.
    public init(code: Code, errno: Int32) {
        self.code = code
        self.errno = errno
    }

    /// The failed stage and the system's message for ``errno``.
    public var description: String {
        "SpawnError(\(code)): \(String(cString: strerror(errno)))"
    }
}
