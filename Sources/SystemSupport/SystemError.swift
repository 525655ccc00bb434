import Glibc

/// A failed system call of the low-level primitives: which operation, and the `errno` it left.
public struct SystemError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The operation that failed.
    public enum Code: Sendable, Hashable {
        case threadStart
        case eventDescriptor
        case open
        case read
        case write
        case makeDirectory
        case temporaryDirectory
        case status
        case listDirectory
        case rename
        case remove
        case setMode
        case setTimes
        case sync
        case socket
        case signalHandler
    }

    /// The operation that failed.
    public let code: Code
    /// The `errno` value the call reported.
    public let errno: Int32
    /// The file or object the operation was about, if any.
    public let path: String?

    /// Creates an error with an explicit errno.
    public init(_ code: Code, errno: Int32, path: String? = nil) {
        self.code = code
        self.errno = errno
        self.path = path
    }

    /// Captures the calling thread's `errno` for the call that just failed.
    public init(_ code: Code, path: String? = nil) {
        self.init(code, errno: Glibc.errno, path: path)
    }

    public var description: String {
        let subject = path.map { " \($0)" } ?? ""
        return "\(code)\(subject) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}
