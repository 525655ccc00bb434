public import KernelProtocol
public import KernelTransport
public import Logging
import SystemSupport

/// The agent's end of the kernel protocol, for the `client` subcommand and for tests.
///
/// Connects a PUSH socket to the runner's input port and a PULL socket to its output port.
/// Received messages are buffered, so ``next(timeout:)`` can time out and be called again
/// without losing anything.
public final class AgentClient: Sendable {
    private struct Inbox: Sendable {
        var messages = FIFO<WireMessage>()
        /// Parked ``next(timeout:)`` calls; non-empty only while `messages` is empty.
        var receivers = Waiters<WireMessage?, Void>()
        var isFinished = false
    }

    private let transport: ZMQTransport
    private let inbox = ConditionLock(Inbox())

    /// Connects to a runner; libzmq keeps (re)connecting in the background, so the runner may
    /// start later. Messages sent before it is up are delivered once it is.
    public init(
        host: String = "127.0.0.1",
        inputPort: Int,
        outputPort: Int,
        logger: Logger = Logger(label: "kernel-client")
    ) throws(TransportError) {
        let configuration = TransportConfiguration(role: .agent, host: host, inputPort: inputPort, outputPort: outputPort)
        transport = try ZMQTransport(configuration, logger: logger)
        // Pumps the single-consumer stream into the inbox; ends when the transport shuts down.
        Task { [inbound = transport.inbound, inbox] in
            for await message in inbound {
                let receiver = inbox.withLock { inbox in
                    let receiver = inbox.receivers.takeFirst()
                    if receiver == nil {
                        inbox.messages.append(message)
                    }
                    return receiver
                }
                receiver?.resume(returning: message)
            }
            let receivers = inbox.withLock { inbox in
                inbox.isFinished = true
                return inbox.receivers.take()
            }
            for receiver in receivers { receiver.resume(returning: nil) }
        }
    }

    /// Sends a request to the runner.
    ///
    /// - Throws: ``ProtocolError`` when the request has no JSON spelling (see
    ///   ``InboundMessage/wireMessage``); nothing is sent then.
    public func send(_ message: InboundMessage) throws(ProtocolError) {
        transport.send(try message.wireMessage)
    }

    /// Sends the frames as they are, e.g. a malformed message on purpose.
    public func send(raw message: WireMessage) {
        transport.send(message)
    }

    /// The next message from the runner, or `nil` if none arrives within `timeout` (or the
    /// client is closed). A message never gets lost to a timeout.
    public func next(timeout: Duration) async -> WireMessage? {
        await withDeadline(timeout) { [inbox] in
            await inbox.park(in: \.receivers, tag: (), cancelledValue: nil) { inbox in
                if let message = inbox.messages.popFirst() {
                    return message
                }
                return inbox.isFinished ? .some(nil) : nil
            }
        }
    }

    /// True once the connection is closed and every received message was taken.
    public var isClosed: Bool {
        inbox.withLock { $0.isFinished && $0.messages.isEmpty }
    }

    /// Collects messages until one whose op is in `terminalOps` arrives (it is included).
    ///
    /// The messages are handed back as received; ``OutboundMessage/init(_:)`` decodes them.
    ///
    /// - Throws: ``AgentClientError`` carrying what was collected, if `timeout` passes or the
    ///   client closes first.
    public func collect(until terminalOps: Set<Op>, timeout: Duration) async throws(AgentClientError) -> [WireMessage] {
        let deadline = ContinuousClock.now + timeout
        var collected: [WireMessage] = []
        while true {
            guard let message = await next(timeout: deadline - .now) else {
                throw AgentClientError(code: isClosed ? .closed : .timedOut, collected: collected)
            }
            collected.append(message)
            if let op = message.kind, terminalOps.contains(op) {
                return collected
            }
        }
    }

    /// Delivers what was sent (for up to a second), then disconnects. Idempotent.
    public func close() {
        transport.shutdown(linger: .seconds(1))
    }
}
