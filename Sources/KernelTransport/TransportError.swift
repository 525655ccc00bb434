import Glibc
import ZeroMQ

/// A ``ZMQTransport`` that could not be set up.
public struct TransportError: Error, Sendable, Hashable {
    /// The setup step that failed.
    public enum Code: Sendable, Hashable {
        /// Creating the context or a socket, or setting an option.
        case socketSetup
        /// Binding an endpoint, e.g. because the port is in use.
        case bind
        /// Connecting to an endpoint, e.g. because the address is malformed.
        case connect
        /// Creating the eventfd that wakes the transport thread.
        case doorbell
        /// Starting the transport thread.
        case threadStart
    }

    /// The setup step that failed.
    public let code: Code
    /// The underlying `errno`.
    public let errno: Int32
    /// The endpoint involved, for ``Code/bind`` and ``Code/connect``.
    public let endpoint: String?
    private let reason: String

    init(_ code: Code, endpoint: String? = nil, _ error: ZMQError) {
        self.code = code
        self.errno = error.errno
        self.endpoint = endpoint
        self.reason = error.reason
    }

    init(_ code: Code, systemErrno: Int32) {
        self.code = code
        self.errno = systemErrno
        self.endpoint = nil
        self.reason = String(cString: strerror(systemErrno))
    }
}

extension TransportError: CustomStringConvertible {
    /// For example `cannot bind tcp://*:2000: Address already in use (errno 98)`.
    public var description: String {
        let action =
            switch code {
            case .socketSetup: "cannot set up ZeroMQ sockets"
            case .bind: "cannot bind \(endpoint ?? "endpoint")"
            case .connect: "cannot connect to \(endpoint ?? "endpoint")"
            case .doorbell: "cannot create the transport wake-up descriptor"
            case .threadStart: "cannot start the transport thread"
            }
        return "\(action): \(reason) (errno \(errno))"
    }
}
