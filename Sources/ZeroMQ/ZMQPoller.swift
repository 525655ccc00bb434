import CZeroMQ

/// Readiness conditions for ``ZMQPoller``.
public struct ZMQPollEvents: OptionSet, Sendable, Hashable {
    public let rawValue: Int16

    /// Creates a set from libzmq's `ZMQ_POLL*` bits.
    public init(rawValue: Int16) {
        self.rawValue = rawValue
    }

    /// A message can be received, or the file descriptor is readable.
    public static let readable = ZMQPollEvents(rawValue: Int16(ZMQ_POLLIN))
    /// A message can be sent without blocking, or the file descriptor is writable.
    public static let writable = ZMQPollEvents(rawValue: Int16(ZMQ_POLLOUT))
    /// An error condition on a plain file descriptor.
    public static let error = ZMQPollEvents(rawValue: Int16(ZMQ_POLLERR))
}

/// One entry of a ``ZMQPoller/poll(_:timeout:)`` call: a socket or a plain file descriptor.
public struct ZMQPollItem {
    enum Target {
        case socket(ZMQSocket)
        case fileDescriptor(Int32)
    }

    let target: Target
    /// The conditions to wait for.
    public var events: ZMQPollEvents
    /// The conditions that held when the poll returned.
    public internal(set) var returnedEvents: ZMQPollEvents = []

    /// Waits on a ZeroMQ socket.
    public init(socket: ZMQSocket, events: ZMQPollEvents) {
        self.target = .socket(socket)
        self.events = events
    }

    /// Waits on a plain file descriptor (a pipe, an eventfd).
    public init(fileDescriptor: Int32, events: ZMQPollEvents) {
        self.target = .fileDescriptor(fileDescriptor)
        self.events = events
    }
}

/// `zmq_poll`: waits until sockets or file descriptors become ready.
public enum ZMQPoller {
    /// Waits until at least one item is ready or `timeout` passes, and fills `returnedEvents`.
    ///
    /// - Parameter timeout: `nil` waits indefinitely; a signal interruption restarts the wait.
    /// - Returns: The number of ready items; 0 on timeout.
    @discardableResult
    public static func poll(_ items: inout [ZMQPollItem], timeout: Duration?) throws(ZMQError) -> Int {
        var rawItems: [zmq_pollitem_t] = []
        rawItems.reserveCapacity(items.count)
        for item in items {
            var raw = zmq_pollitem_t()
            switch item.target {
            case .socket(let socket):
                raw.socket = try socket.withHandle(.poll) { handle throws(ZMQError) in handle }
            case .fileDescriptor(let fd):
                raw.fd = fd
            }
            raw.events = item.events.rawValue
            rawItems.append(raw)
        }
        let milliseconds = timeout.map { Int($0.zmqMilliseconds) } ?? -1
        let ready = try retryingInterrupts(.poll) {
            zmq_poll(&rawItems, Int32(rawItems.count), milliseconds)
        }
        for index in items.indices {
            items[index].returnedEvents = ZMQPollEvents(rawValue: rawItems[index].revents)
        }
        return Int(ready)
    }
}
