import CZeroMQ

extension ZMQSocket {
    /// The descriptor libzmq signals when the socket's state may have changed (`ZMQ_FD`), for a
    /// `poll` of one's own instead of `zmq_poll`.
    ///
    /// It is edge-triggered in effect: it may stay quiet while messages wait. Wait on it only
    /// after a non-blocking receive (or send) found nothing to do, which also takes what it
    /// signalled; when it becomes readable, try again.
    public func notificationDescriptor() throws(ZMQError) -> Int32 {
        try withHandle(.getOption) { handle throws(ZMQError) in
            var descriptor: Int32 = -1
            var length = MemoryLayout<Int32>.size
            try retryingInterrupts(.getOption) { zmq_getsockopt(handle, ZMQ_FD, &descriptor, &length) }
            return descriptor
        }
    }
}

extension ZMQSocket {
    /// What the socket can do now (`ZMQ_EVENTS`: readable, writable), after taking every command
    /// libzmq's I/O thread queued for it — which quiets ``notificationDescriptor()``.
    public func pendingEvents() throws(ZMQError) -> ZMQPollEvents {
        try withHandle(.getOption) { handle throws(ZMQError) in
            var events: Int32 = 0
            var length = MemoryLayout<Int32>.size
            try retryingInterrupts(.getOption) { zmq_getsockopt(handle, ZMQ_EVENTS, &events, &length) }
            return ZMQPollEvents(rawValue: Int16(truncatingIfNeeded: events))
        }
    }
}
