public import KernelProtocol
public import KernelTransport

/// Where a run's frames go. The transport in production; a recorder in unit tests.
public protocol MessageSink: Sendable {
    /// Enqueues a frame without waiting (control replies, terminal frames).
    func send(_ message: OutboundMessage)
    /// Enqueues a frame, blocking the calling OS thread while the outbox is full. Only called
    /// from process I/O threads, never from Swift concurrency tasks.
    func sendBlocking(_ message: OutboundMessage)
}

extension ZMQTransport: MessageSink {
    public func send(_ message: OutboundMessage) {
        send(message.wireMessage)
    }

    public func sendBlocking(_ message: OutboundMessage) {
        sendBlocking(message.wireMessage)
    }
}
