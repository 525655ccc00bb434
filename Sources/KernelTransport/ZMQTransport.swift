public import KernelProtocol
public import Logging
import SystemSupport

/// Both ZeroMQ pipelines of the kernel protocol, driven by one dedicated OS thread.
///
/// libzmq sockets are not thread-safe, so a single thread owns them; every other thread or task
/// talks to it through the outbox (for sending) and ``inbound`` (for receiving). Sending never
/// fails: while no peer is connected, messages wait in the outbox in order, as PUSH sockets do.
public final class ZMQTransport: Sendable {
    /// The resolved agent → runner endpoint, e.g. `tcp://127.0.0.1:40123`.
    public let inputEndpoint: String
    /// The resolved runner → agent endpoint.
    public let outputEndpoint: String
    /// Every received two-frame message, in arrival order; other frame counts are dropped and
    /// logged. Finishes at shutdown. Supports a single consumer.
    public let inbound: InboundMessages
    /// Runs the jobs of tasks that prefer it on the transport thread (see ``TransportExecutor``).
    public let executor: TransportExecutor

    private let outbox: Outbox
    private let thread: OSThread
    private let logger: Logger

    /// The transport's loop crosses to its thread exactly once and is never touched here again.
    private struct Handoff: @unchecked Sendable {
        let loop: TransportLoop
    }

    /// Binds (runner) or connects (agent) both sockets, then starts the transport thread.
    ///
    /// - Throws: ``TransportError``, e.g. ``TransportError/Code/bind`` when a port is in use.
    public init(_ configuration: TransportConfiguration, logger: Logger) throws(TransportError) {
        let doorbell: WakeupDescriptor
        do {
            doorbell = try WakeupDescriptor()
        } catch {
            throw TransportError(.doorbell, systemErrno: error.errno)
        }
        let outbox = Outbox(byteLimit: configuration.outboxByteLimit, doorbell: doorbell)
        let inbound = InboundMessages()
        // The loop closes its sockets when released, should the thread not start.
        let executor = TransportExecutor(doorbell: doorbell)
        let loop = try TransportLoop(configuration, outbox: outbox, executor: executor, inbound: inbound, logger: logger)
        let handoff = Handoff(loop: loop)
        do {
            thread = try OSThread.start(name: "kr-transport") { handoff.loop.run() }
        } catch {
            throw TransportError(.threadStart, systemErrno: error.errno)
        }
        inputEndpoint = loop.inputEndpoint
        outputEndpoint = loop.outputEndpoint
        self.inbound = inbound
        self.executor = executor
        self.outbox = outbox
        self.logger = logger
    }

    /// Bytes enqueued but not yet handed to libzmq.
    public var pendingOutboxBytes: Int { outbox.pendingBytes }

    /// Enqueues `message` without ever blocking, regardless of the outbox limit.
    ///
    /// For small control replies (status, completion, terminal frames) that must not wait.
    public func send(_ message: WireMessage) {
        enqueue(message)
    }

    /// Enqueues `message`, then suspends (without blocking a thread) while the outbox holds more
    /// than ``TransportConfiguration/outboxByteLimit`` bytes.
    ///
    /// Enqueueing first keeps call order equal to wire order. Cancellation ends the wait early;
    /// the message stays queued.
    public func sendWaiting(_ message: WireMessage) async {
        if enqueue(message) {
            await outbox.waitForCapacity()
        }
    }

    /// Enqueues `message`, then blocks the calling OS thread while the outbox holds more than
    /// ``TransportConfiguration/outboxByteLimit`` bytes.
    ///
    /// For plain threads such as process output pumps; never call it from a Swift concurrency task.
    public func sendBlocking(_ message: WireMessage) {
        if enqueue(message) {
            outbox.waitForCapacity()
        }
    }

    /// Waits until everything enqueued before the call was handed to libzmq.
    ///
    /// - Returns: `true` on success; `false` on timeout, cancellation or shutdown.
    public func flush(timeout: Duration) async -> Bool {
        await outbox.flush(timeout: timeout)
    }

    /// Stops receiving, keeps handing the outbox to libzmq for at most `linger`, closes the
    /// sockets, finishes ``inbound`` and releases every waiting sender; what is left is dropped
    /// and logged.
    ///
    /// Idempotent and callable from any thread; returns within about `linger` (plus the
    /// configured socket linger at most), even with no peer connected. Blocks the caller.
    public func shutdown(linger: Duration) {
        if outbox.requestShutdown(deadline: .now + linger) {
            if !thread.isCurrent {
                thread.join()
            }
        } else {
            outbox.waitUntilClosed()
        }
    }

    @discardableResult
    private func enqueue(_ message: WireMessage) -> Bool {
        let accepted = outbox.enqueue(message)
        if !accepted {
            logger.debug("dropping outgoing \(message.opName) (\(message.byteCount) bytes): transport is shut down")
        }
        return accepted
    }

    deinit {
        shutdown(linger: .zero)
    }
}
