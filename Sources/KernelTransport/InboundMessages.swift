public import KernelProtocol
import Synchronization

/// The received messages in arrival order, for one consumer at a time (``ZMQTransport/inbound``).
///
/// Ends at shutdown (``finish()``), or when a consumer waiting for a message is cancelled, as an
/// `AsyncStream` would. Not an `AsyncStream`: every request passes here, and the stream's
/// unspecialised generic code cost the transport thread about 10,000 instructions per message,
/// an eighth of all it spends on an `exec`. Lets go of a message's frames as it is taken, and of
/// its storage once a backlog is.
public final class InboundMessages: AsyncSequence, Sendable {
    public typealias Element = WireMessage

    private struct State {
        var messages: [WireMessage] = []
        /// Where the next message is in `messages`.
        var head = 0
        var isFinished = false
        var waiter: CheckedContinuation<WireMessage?, Never>?
    }

    private let state = Mutex(State())

    init() {}

    /// Appends `message`, or hands it to the waiting consumer; ignored once finished.
    func yield(_ message: WireMessage) {
        let waiter = state.withLock { state -> CheckedContinuation<WireMessage?, Never>? in
            guard !state.isFinished else { return nil }
            guard let waiter = state.waiter else {
                state.messages.append(message)
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: message)
    }

    /// Ends the sequence once the messages already received are taken.
    func finish() {
        let waiter = state.withLock { state in
            state.isFinished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// The next message, waiting for one; nil once finished and empty.
    func next() async -> WireMessage? {
        if let ready = state.withLock({ Self.take(from: &$0) }) {
            return ready
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> WireMessage?? in
                    if let ready = Self.take(from: &state) { return ready }
                    if Task.isCancelled { state.isFinished = true }
                    if state.isFinished { return .some(nil) }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            finish()
        }
    }

    /// A taken message's place in the buffer: its frames are not kept alive there.
    private static let taken = WireMessage(op: [], payload: [])

    /// The oldest buffered message, if any. Taken places are dropped once the buffer is empty,
    /// or every 1,024 while a consumer keeps up only partly.
    private static func take(from state: inout State) -> WireMessage? {
        guard state.head < state.messages.count else { return nil }
        let message = state.messages[state.head]
        state.messages[state.head] = taken
        state.head += 1
        if state.head == state.messages.count {
            state.messages = []
            state.head = 0
        } else if state.head >= 1024 {
            state.messages.removeFirst(state.head)
            state.head = 0
        }
        return message
    }

    /// Places the buffer holds, taken or not (tests check that taken ones go).
    var bufferedPlaces: Int {
        state.withLock(\.messages.count)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let messages: InboundMessages

        public mutating func next() async -> WireMessage? {
            await messages.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(messages: self)
    }
}
