import KernelProtocol
import Logging
import SystemSupport
import ZeroMQ

/// The transport thread: owns the context and both sockets, and multiplexes receiving, sending
/// and the producers' doorbell through one `zmq_poll`.
///
/// Created (and its sockets bound or connected) on the caller's thread, then handed to the
/// transport thread, which is the only one to touch it afterwards.
final class TransportLoop {
    /// Messages received per wake-up before the outbox gets a turn, so neither side starves.
    private static let receiveBatch = 256

    let inputEndpoint: String
    let outputEndpoint: String
    private let context: ZMQContext
    private let receiver: ZMQSocket
    private let sender: ZMQSocket
    private let linger: Duration
    private let outbox: Outbox
    private let executor: TransportExecutor
    private let inbound: AsyncStream<WireMessage>.Continuation
    private let logger: Logger

    init(
        _ configuration: TransportConfiguration,
        outbox: Outbox,
        executor: TransportExecutor,
        inbound: AsyncStream<WireMessage>.Continuation,
        logger: Logger
    ) throws(TransportError) {
        do {
            context = try ZMQContext()
            receiver = try ZMQSocket(context: context, type: .pull)
            sender = try ZMQSocket(context: context, type: .push)
            // Bounded before anything can fail, so cleanup on a failed setup cannot hang.
            try receiver.setOption(.linger(.zero))
            try sender.setOption(.linger(configuration.linger))
            try sender.setOption(.sendHighWaterMark(configuration.sendHighWaterMark))
            // The agent sends whole files as code; never disconnect it for a large message.
            try receiver.setOption(.maxMessageSize(-1))
        } catch {
            throw TransportError(.socketSetup, error)
        }
        switch configuration.role {
        case .runner:
            inputEndpoint = try Self.bind(receiver, host: configuration.host, port: configuration.inputPort)
            outputEndpoint = try Self.bind(sender, host: configuration.host, port: configuration.outputPort)
        case .agent:
            inputEndpoint = try Self.connect(sender, host: configuration.host, port: configuration.inputPort)
            outputEndpoint = try Self.connect(receiver, host: configuration.host, port: configuration.outputPort)
        }
        self.linger = configuration.linger
        self.outbox = outbox
        self.executor = executor
        self.inbound = inbound
        self.logger = logger
    }

    private static func bind(_ socket: ZMQSocket, host: String, port: Int) throws(TransportError) -> String {
        let endpoint = "tcp://\(host):\(port == 0 ? "*" : String(port))"
        do {
            try socket.bind(endpoint)
            return try socket.lastEndpoint()
        } catch {
            throw TransportError(.bind, endpoint: endpoint, error)
        }
    }

    private static func connect(_ socket: ZMQSocket, host: String, port: Int) throws(TransportError) -> String {
        let endpoint = "tcp://\(host):\(port)"
        do {
            try socket.connect(endpoint)
            return endpoint
        } catch {
            throw TransportError(.connect, endpoint: endpoint, error)
        }
    }

    /// Runs until shutdown has drained the outbox (or its deadline passed), then tears down.
    /// Between polls it runs the jobs of tasks that prefer the transport's executor.
    func run() {
        var deadline: ContinuousClock.Instant?
        outbox.transportThread.adopt()
        executor.transportThread.adopt()
        while true {
            let (head, phase) = outbox.peek()
            var timeout: Duration?
            if case .draining(let drainDeadline) = phase {
                let remaining = drainDeadline - .now
                deadline = drainDeadline
                if head == nil || remaining <= .zero {
                    break
                }
                timeout = remaining
            }
            // Jobs queued by this thread rang no doorbell.
            if executor.hasQueuedJobs {
                timeout = .zero
            }
            // Only sockets with something to wait for: zmq_poll asks every socket it is given
            // for its events after each wait, two system calls every time.
            var items = [ZMQPollItem(fileDescriptor: outbox.doorbell.fileDescriptor, events: .readable)]
            if phase == .running {
                items.append(ZMQPollItem(socket: receiver, events: .readable))
            }
            if head != nil {
                items.append(ZMQPollItem(socket: sender, events: .writable))
            }
            do {
                try ZMQPoller.poll(&items, timeout: timeout)
            } catch {
                logger.critical("transport stops: \(error)")
                break
            }
            if items[0].returnedEvents.contains(.readable) {
                outbox.doorbell.drain()
            }
            if phase == .running, items[1].returnedEvents.contains(.readable) {
                receiveAvailable()
            }
            if head != nil, items[items.count - 1].returnedEvents.contains(.writable) {
                sendAvailable()
            }
            executor.runQueued()
            // What the jobs sent (a terminal frame, most often) goes out without another poll.
            if outbox.peek().message != nil {
                sendAvailable()
            }
        }
        tearDown(deadline: deadline ?? .now)
    }

    private func receiveAvailable() {
        for _ in 0..<Self.receiveBatch {
            let frames: [[UInt8]]
            do {
                guard let received = try receiver.receive(blocking: false) else { return }
                frames = received
            } catch {
                logger.error("receiving failed: \(error)")
                return
            }
            guard frames.count == 2 else {
                logger.warning("dropping inbound message with \(frames.count) frames (expected 2)")
                continue
            }
            inbound.yield(WireMessage(op: frames[0], payload: frames[1]))
        }
    }

    private func sendAvailable() {
        while let message = outbox.peek().message {
            do {
                // Sent outside the outbox lock: copying a large payload must not stall producers.
                guard try sender.send([message.op, message.payload], blocking: false) else { return }
            } catch {
                logger.error("dropping outgoing \(message.opName) (\(message.byteCount) bytes): \(error)")
            }
            outbox.completeFirst()
        }
    }

    private func tearDown(deadline: ContinuousClock.Instant) {
        // What libzmq already holds may use the rest of the drain window, never more than `linger`.
        let remaining = max(.zero, min(linger, deadline - .now))
        do {
            try sender.setOption(.linger(remaining))
            try receiver.close()
            try sender.close()
            try context.terminate()
        } catch {
            logger.error("closing the ZeroMQ sockets failed: \(error)")
        }
        // Before the stream ends: its consumer's last job must find an executor that runs it.
        executor.close()
        inbound.finish()
        let dropped = outbox.close()
        if dropped.count > 0 {
            logger.warning("dropped \(dropped.count) outgoing messages (\(dropped.bytes) bytes) at shutdown: no peer took them in time")
        }
    }
}
