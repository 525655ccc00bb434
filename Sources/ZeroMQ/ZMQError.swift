import CZeroMQ

/// A failed libzmq call: which operation failed and the `errno` libzmq reported.
public struct ZMQError: Error, Sendable, Hashable {
    /// The operation that failed.
    public enum Code: Sendable, Hashable {
        case contextCreation
        case contextTermination
        case socketCreation
        case socketClose
        case bind
        case connect
        case setOption
        case getOption
        case send
        case receive
        case messageInitialization
        case poll
        case monitor
    }

    /// The operation that failed.
    public let code: Code
    /// The `errno` value reported by libzmq (`zmq_errno()`).
    public let errno: Int32

    /// Creates an error for `code` with an explicit errno.
    public init(code: Code, errno: Int32) {
        self.code = code
        self.errno = errno
    }

    /// Captures libzmq's current errno for the call that just failed.
    init(_ code: Code) {
        self.init(code: code, errno: zmq_errno())
    }

    /// libzmq's text for ``errno`` (system errors included).
    public var reason: String { String(cString: zmq_strerror(errno)) }

    /// The operation was interrupted by a signal (`EINTR`); callers retry.
    var isInterrupted: Bool { errno == EINTR }

    /// The operation would have blocked (`EAGAIN`) under `ZMQ_DONTWAIT`.
    var isWouldBlock: Bool { errno == EAGAIN }
}

extension ZMQError: CustomStringConvertible {
    /// The failed operation followed by libzmq's message for the errno.
    public var description: String {
        "zmq \(code) failed: \(reason) (errno \(errno))"
    }
}
