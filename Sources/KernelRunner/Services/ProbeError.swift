import Glibc

/// Why a loopback probe (port check or health request) failed.
struct ProbeError: Error, Equatable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case socket
        case connect
        case send
        case receive
        case timeout
        case cancelled
        case malformedResponse
    }

    let code: Code
    let errno: Int32?

    init(_ code: Code, errno: Int32? = nil) {
        self.code = code
        self.errno = errno
    }

    var description: String {
        guard let errno else { return "\(code)" }
        return "\(code): \(String(cString: strerror(errno)))"
    }
}
