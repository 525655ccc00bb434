import CZeroMQ

/// A socket option understood by ``ZMQSocket/setOption(_:)``.
public enum ZMQSocketOption: Sendable, Hashable {
    /// How long unsent messages are kept after close (`ZMQ_LINGER`); `nil` waits forever.
    case linger(Duration?)
    /// Maximum queued outgoing messages per peer (`ZMQ_SNDHWM`); 0 means unlimited.
    case sendHighWaterMark(Int32)
    /// Maximum queued incoming messages per peer (`ZMQ_RCVHWM`); 0 means unlimited.
    case receiveHighWaterMark(Int32)
    /// Largest acceptable inbound message in bytes (`ZMQ_MAXMSGSIZE`); -1 means unlimited.
    /// A peer exceeding it is disconnected.
    case maxMessageSize(Int64)
    /// The identity a ROUTER peer sees for this socket (`ZMQ_ROUTING_ID`); set before connecting.
    case routingID([UInt8])
    /// Receives the messages whose first frame starts with this prefix (`ZMQ_SUBSCRIBE`); an
    /// empty prefix receives everything. SUB sockets only.
    case subscribe([UInt8])
}

extension ZMQSocket {
    /// Sets a socket option.
    public func setOption(_ option: ZMQSocketOption) throws(ZMQError) {
        switch option {
        case .linger(let duration):
            try setInteger(ZMQ_LINGER, Int32(clamping: duration.map(\.zmqMilliseconds) ?? -1))
        case .sendHighWaterMark(let count):
            try setInteger(ZMQ_SNDHWM, count)
        case .receiveHighWaterMark(let count):
            try setInteger(ZMQ_RCVHWM, count)
        case .maxMessageSize(let bytes):
            try setInteger(ZMQ_MAXMSGSIZE, bytes)
        case .routingID(let identity):
            try setBytes(ZMQ_ROUTING_ID, identity)
        case .subscribe(let prefix):
            try setBytes(ZMQ_SUBSCRIBE, prefix)
        }
    }

    private func setBytes(_ name: Int32, _ value: [UInt8]) throws(ZMQError) {
        // An empty array may have no storage; libzmq still wants a valid pointer.
        let storage = value.isEmpty ? [0] : value
        try withHandle(.setOption) { handle throws(ZMQError) in
            try retryingInterrupts(.setOption) {
                storage.withUnsafeBytes { zmq_setsockopt(handle, name, $0.baseAddress, value.count) }
            }
        }
    }

    private func setInteger<Value: FixedWidthInteger>(_ name: Int32, _ value: Value) throws(ZMQError) {
        try withHandle(.setOption) { handle throws(ZMQError) in
            var value = value
            try retryingInterrupts(.setOption) {
                zmq_setsockopt(handle, name, &value, MemoryLayout<Value>.size)
            }
        }
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so a short positive duration never becomes "no wait"
    /// (libzmq's timeouts, and `poll`'s).
    public var zmqMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000
        let partial = (attoseconds + attosecondsPerMillisecond - 1) / attosecondsPerMillisecond
        let (milliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        let (total, sumOverflow) = milliseconds.addingReportingOverflow(partial)
        return overflow || sumOverflow ? .max : total
    }
}
