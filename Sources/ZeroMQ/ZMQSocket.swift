import CZeroMQ

/// A libzmq socket.
///
/// libzmq sockets are not thread-safe: use each socket from one thread at a time (migrating
/// it between threads needs a full memory barrier). The type is deliberately not `Sendable`.
/// The socket keeps its context alive; close it before terminating the context.
public final class ZMQSocket {
    /// The context this socket belongs to.
    public let context: ZMQContext
    /// The socket's pattern.
    public let type: ZMQSocketType
    private var handle: UnsafeMutableRawPointer?
    /// One `zmq_msg_t` reused for every frame. libzmq may keep pointers into a message, so it
    /// lives at a fixed heap address instead of a Swift local that could move.
    let scratch: UnsafeMutablePointer<zmq_msg_t>

    /// Creates a socket of `type` in `context`.
    public init(context: ZMQContext, type: ZMQSocketType) throws(ZMQError) {
        guard let handle = zmq_socket(context.handle, type.rawValue) else {
            throw ZMQError(.socketCreation)
        }
        self.context = context
        self.type = type
        self.handle = handle
        self.scratch = .allocate(capacity: 1)
    }

    /// Whether ``close()`` has been called.
    public var isClosed: Bool { handle == nil }

    /// The raw libzmq handle; a closed socket reports `ENOTSOCK` like libzmq does.
    @discardableResult
    func withHandle<Result>(
        _ code: ZMQError.Code,
        _ body: (UnsafeMutableRawPointer) throws(ZMQError) -> Result
    ) throws(ZMQError) -> Result {
        guard let handle else {
            throw ZMQError(code: code, errno: ENOTSOCK)
        }
        return try body(handle)
    }

    /// Binds to a local endpoint such as `tcp://127.0.0.1:*` (`*` picks an ephemeral port).
    public func bind(_ endpoint: String) throws(ZMQError) {
        try withHandle(.bind) { handle throws(ZMQError) in
            try retryingInterrupts(.bind) { zmq_bind(handle, endpoint) }
        }
    }

    /// Connects to a remote endpoint. libzmq connects (and reconnects) in the background.
    public func connect(_ endpoint: String) throws(ZMQError) {
        try withHandle(.connect) { handle throws(ZMQError) in
            try retryingInterrupts(.connect) { zmq_connect(handle, endpoint) }
        }
    }

    /// The endpoint last bound or connected, with ephemeral ports resolved (`ZMQ_LAST_ENDPOINT`).
    public func lastEndpoint() throws(ZMQError) -> String {
        try withHandle(.getOption) { handle throws(ZMQError) in
            // Endpoints are short; libzmq reports EINVAL if one ever exceeds the buffer.
            var buffer = [CChar](repeating: 0, count: 1024)
            var length = buffer.count
            try retryingInterrupts(.getOption) {
                zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &length)
            }
            return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// Closes the socket. Idempotent. Pending outgoing messages are kept for the LINGER period.
    public func close() throws(ZMQError) {
        guard let handle else { return }
        self.handle = nil
        try retryingInterrupts(.socketClose) { zmq_close(handle) }
    }

    deinit {
        try? close()
        scratch.deallocate()
    }
}
