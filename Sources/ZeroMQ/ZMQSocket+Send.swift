import CZeroMQ

extension ZMQSocket {
    /// Sends one multipart message atomically.
    ///
    /// - Parameters:
    ///   - frames: The frames, in order; must not be empty.
    ///   - blocking: When `false` (`ZMQ_DONTWAIT`), a socket that cannot accept the message
    ///     right now (high-water mark reached, or a PUSH socket without peers) makes this return
    ///     `false` instead of blocking.
    /// - Returns: `true` once libzmq accepted the whole message, `false` if it would block.
    @discardableResult
    public func send(_ frames: [[UInt8]], blocking: Bool = true) throws(ZMQError) -> Bool {
        precondition(!frames.isEmpty, "a ZeroMQ message has at least one frame")
        for (index, frame) in frames.enumerated() {
            var flags: Int32 = index == frames.count - 1 ? 0 : ZMQ_SNDMORE
            // Only the first frame can hit the high-water mark: libzmq admits the remaining
            // frames of a started message unconditionally, so they never block.
            if index == 0 && !blocking {
                flags |= ZMQ_DONTWAIT
            }
            do {
                try sendFrame(frame, flags: flags)
            } catch  where index == 0 && error.isWouldBlock {
                return false
            }
        }
        return true
    }

    private func sendFrame(_ frame: [UInt8], flags: Int32) throws(ZMQError) {
        try withHandle(.send) { handle throws(ZMQError) in
            // One copy into a libzmq-owned buffer; the Swift array's storage cannot be lent out.
            if zmq_msg_init_size(scratch, frame.count) != 0 {
                throw ZMQError(.messageInitialization)
            }
            if !frame.isEmpty {
                frame.withUnsafeBytes { bytes in
                    zmq_msg_data(scratch).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
                }
            }
            do throws(ZMQError) {
                try retryingInterrupts(.send) { zmq_msg_send(scratch, handle, flags) }
            } catch {
                // A failed send leaves ownership with us.
                zmq_msg_close(scratch)
                throw error
            }
        }
    }
}
