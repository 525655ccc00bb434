import CZeroMQ

extension ZMQSocket {
    /// Receives one whole multipart message.
    ///
    /// - Parameter blocking: When `false` (`ZMQ_DONTWAIT`), returns `nil` if no message is
    ///   waiting instead of blocking.
    /// - Returns: The frames in order, or `nil` if none is waiting and `blocking` is `false`.
    public func receive(blocking: Bool = true) throws(ZMQError) -> [[UInt8]]? {
        var frames: [[UInt8]] = []
        var more = true
        while more {
            // libzmq delivers multipart messages atomically: once the first frame is here, the
            // rest is too, so only the first receive needs ZMQ_DONTWAIT.
            let flags: Int32 = frames.isEmpty && !blocking ? ZMQ_DONTWAIT : 0
            do {
                let (frame, hasMore) = try receiveFrame(flags: flags)
                frames.append(frame)
                more = hasMore
            } catch  where frames.isEmpty && error.isWouldBlock {
                return nil
            }
        }
        return frames
    }

    private func receiveFrame(flags: Int32) throws(ZMQError) -> (frame: [UInt8], more: Bool) {
        try withHandle(.receive) { handle throws(ZMQError) in
            zmq_msg_init(scratch)
            defer { zmq_msg_close(scratch) }
            try retryingInterrupts(.receive) { zmq_msg_recv(scratch, handle, flags) }
            let count = zmq_msg_size(scratch)
            let data = zmq_msg_data(scratch)
            // An empty frame is the literal: with capacity 0 the initializer below stores its count
            // into the process-wide empty-array singleton, racing with every thread reading an
            // empty array. Otherwise a plain memcpy; the generic sequence initializer goes byte by
            // byte in debug builds.
            let frame: [UInt8] =
                count == 0
                ? []
                : [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                    if let data {
                        buffer.baseAddress!.update(from: data.assumingMemoryBound(to: UInt8.self), count: count)
                    }
                    initialized = count
                }
            // Read before the deferred zmq_msg_close invalidates the message.
            return (frame, zmq_msg_more(scratch) != 0)
        }
    }
}
