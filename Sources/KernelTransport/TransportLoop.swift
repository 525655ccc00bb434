import Glibc
import KernelProtocol
import Logging
import SystemSupport
import ZeroMQ

/// The transport thread: owns the context and both sockets, and multiplexes receiving, sending
/// and the producers' doorbell through one `poll`.
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
    /// The sockets' `ZMQ_FD`s (see ``run()``).
    private let receiverNotifications: Int32
    private let senderNotifications: Int32
    private let linger: Duration
    private let outbox: Outbox
    private let executor: TransportExecutor
    private let inbound: InboundMessages
    private let logger: Logger

    init(
        _ configuration: TransportConfiguration,
        outbox: Outbox,
        executor: TransportExecutor,
        inbound: InboundMessages,
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
            receiverNotifications = try receiver.notificationDescriptor()
            senderNotifications = try sender.notificationDescriptor()
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
    ///
    /// It polls the sockets' notification descriptors itself rather than calling `zmq_poll`,
    /// which asks every socket for its events before and after each wait (two system calls
    /// each) and starts every wait with a zero-timeout pass. Those descriptors only say that
    /// something changed, so a socket is waited on only once a receive (or send) found nothing
    /// to do; until then, the loop goes on without waiting.
    func run() {
        var deadline: ContinuousClock.Instant?
        outbox.transportThread.adopt()
        executor.transportThread.adopt()
        var isReceiverDrained = false
        var isSenderBlocked = false
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
            let isReceiving = phase == .running
            // Jobs queued by this thread rang no doorbell.
            if executor.hasQueuedJobs || (isReceiving && !isReceiverDrained) || (head != nil && !isSenderBlocked) {
                timeout = .zero
            }
            var descriptors = [pollfd(fd: outbox.doorbell.fileDescriptor, events: Int16(POLLIN), revents: 0)]
            if isReceiving {
                descriptors.append(pollfd(fd: receiverNotifications, events: Int16(POLLIN), revents: 0))
            }
            if head != nil, isSenderBlocked {
                descriptors.append(pollfd(fd: senderNotifications, events: Int16(POLLIN), revents: 0))
            }
            if timeout != .zero, let error = Self.wait(for: &descriptors, timeout: timeout) {
                logger.critical("transport stops: poll failed (errno \(error))")
                break
            }
            if descriptors[0].revents != 0 {
                outbox.doorbell.drain()
            }
            if isReceiving, !isReceiverDrained || descriptors[1].revents != 0 {
                isReceiverDrained = receiveAvailable()
            }
            if head != nil, !isSenderBlocked || descriptors.last?.revents != 0 {
                isSenderBlocked = sendAvailable()
            }
            executor.runQueued()
            // What the jobs sent (a terminal frame, most often) goes out without another poll.
            if !isSenderBlocked, outbox.peek().message != nil {
                isSenderBlocked = sendAvailable()
            }
        }
        tearDown(deadline: deadline ?? .now)
    }

    /// Polls `descriptors`; returns the errno of a failure other than an interruption.
    private static func wait(for descriptors: inout [pollfd], timeout: Duration?) -> Int32? {
        let milliseconds = timeout.map { Int32(clamping: $0.zmqMilliseconds) } ?? -1
        while poll(&descriptors, nfds_t(descriptors.count), milliseconds) < 0 {
            guard errno == EINTR else { return errno }
        }
        return nil
    }

    /// Receives up to ``receiveBatch`` messages; returns whether the socket ran out of them.
    private func receiveAvailable() -> Bool {
        for _ in 0..<Self.receiveBatch {
            let frames: [[UInt8]]
            do {
                guard let received = try receiver.receive(blocking: false) else { return true }
                frames = received
            } catch {
                logger.error("receiving failed: \(error)")
                return true
            }
            guard frames.count == 2 else {
                logger.warning("dropping inbound message with \(frames.count) frames (expected 2)")
                continue
            }
            inbound.yield(WireMessage(op: frames[0], payload: frames[1]))
        }
        return false
    }

    /// Hands the outbox to libzmq; returns whether the socket is full (no peer, or the
    /// high-water mark reached) with messages left.
    private func sendAvailable() -> Bool {
        while let message = outbox.peek().message {
            do {
                // Sent outside the outbox lock: copying a large payload must not stall producers.
                guard try sender.send([message.op, message.payload], blocking: false) else {
                    // A refused send may leave libzmq's news unread (it reads them at most once
                    // a millisecond then): read them now, and wait only if they change nothing.
                    guard try sender.pendingEvents().contains(.writable) else { return true }
                    continue
                }
            } catch {
                logger.error("dropping outgoing \(message.opName) (\(message.byteCount) bytes): \(error)")
            }
            outbox.completeFirst()
        }
        return false
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
