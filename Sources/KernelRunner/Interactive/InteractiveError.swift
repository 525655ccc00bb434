import Glibc

/// Why a persistent interpreter (the built-in Python driver, a Jupyter kernel) or the input
/// socket could not be set up or talked to.
package struct InteractiveError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        /// Creating or populating a private scratch directory.
        case scratchDirectory
        /// A Unix or TCP socket call failed.
        case socket
        /// A wake-up descriptor could not be created.
        case pipe
        /// A thread could not be started.
        case thread
        /// The interpreter's program could not be started.
        case spawn
        /// The interpreter did not come up (no connection, no handshake) in time.
        case startTimeout
        /// The interpreter exited while starting.
        case exitedDuringStart
        /// A kernelspec file is unreadable or malformed.
        case kernelSpec
        /// A message broke the protocol (framing, JSON, signature).
        case protocolViolation
    }

    let code: Code
    /// The system error, when there is one (0 otherwise).
    let errno: Int32
    let detail: String

    init(_ code: Code, errno: Int32 = 0, _ detail: String) {
        self.code = code
        self.errno = errno
        self.detail = detail
    }

    package var description: String {
        errno == 0 ? detail : "\(detail): \(String(cString: strerror(errno)))"
    }
}
