import Glibc

/// Why a sandbox could not be prepared.
public struct SandboxError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// The kernel offers no Landlock (or too old an ABI for what is asked).
        case landlockUnavailable
        /// Creating a Landlock ruleset or adding a rule failed.
        case landlock
        /// Building or exporting the seccomp filter failed.
        case seccomp
        /// Protecting the daemon itself failed.
        case protection
    }

    public let code: Code
    /// The system error, when a call failed (0 otherwise).
    public let errno: Int32
    public let detail: String

    public init(_ code: Code, errno: Int32 = 0, _ detail: String) {
        self.code = code
        self.errno = errno
        self.detail = detail
    }

    public var description: String {
        errno == 0 ? detail : "\(detail): \(String(cString: strerror(errno)))"
    }
}
