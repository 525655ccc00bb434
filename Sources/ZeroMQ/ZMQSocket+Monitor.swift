import CZeroMQ

/// A connection event of a monitored socket.
public struct ZMQSocketEvent: Sendable, Hashable {
    /// The events this package watches for.
    public struct Kind: OptionSet, Sendable, Hashable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// The ZMTP handshake with a peer completed: from now on the peer knows this socket's
        /// routing id, so a ROUTER there can address it.
        public static let handshakeSucceeded = Kind(rawValue: ZMQ_EVENT_HANDSHAKE_SUCCEEDED)
        /// A connection was closed or lost.
        public static let disconnected = Kind(rawValue: ZMQ_EVENT_DISCONNECTED)
    }

    public var kind: Kind
    /// The endpoint the event is about.
    public var endpoint: String
}

extension ZMQSocket {
    /// Starts reporting `events` of this socket on a new PAIR socket, connected to the inproc
    /// endpoint `name`, which the caller polls and reads with ``receiveEvent(blocking:)``.
    public func monitor(_ events: ZMQSocketEvent.Kind, as name: String) throws(ZMQError) -> ZMQSocket {
        let endpoint = "inproc://" + name
        try withHandle(.monitor) { handle throws(ZMQError) in
            try retryingInterrupts(.monitor) { zmq_socket_monitor(handle, endpoint, events.rawValue) }
        }
        let monitor = try ZMQSocket(context: context, type: .pair)
        try monitor.connect(endpoint)
        return monitor
    }

    /// Reads one event from a socket made by ``monitor(_:as:)``: two frames, the event number
    /// (16 bits) and value (32 bits) in native byte order, then the endpoint.
    public func receiveEvent(blocking: Bool = true) throws(ZMQError) -> ZMQSocketEvent? {
        guard let frames = try receive(blocking: blocking) else { return nil }
        guard frames.count == 2, frames[0].count >= 2 else {
            throw ZMQError(code: .monitor, errno: EPROTO)
        }
        let number = frames[0].withUnsafeBytes { $0.loadUnaligned(as: UInt16.self) }
        return ZMQSocketEvent(kind: .init(rawValue: Int32(number)), endpoint: String(decoding: frames[1], as: UTF8.self))
    }
}
