import TestSupport
import ZeroMQ

/// The agent's two sockets, driven directly through the ZeroMQ wrapper, to exercise a runner
/// transport frame by frame (including malformed frame counts).
final class RawAgent {
    private let context: ZMQContext
    private let push: ZMQSocket
    private let pull: ZMQSocket

    /// Connects a PUSH socket to `inputEndpoint` and a PULL socket to `outputEndpoint`.
    ///
    /// - Parameter receiveHighWaterMark: Caps what libzmq reads ahead while the test is not
    ///   receiving, so back-pressure reaches the runner quickly.
    init(inputEndpoint: String, outputEndpoint: String, receiveHighWaterMark: Int32? = nil) throws {
        context = try ZMQContext()
        push = try ZMQSocket(context: context, type: .push)
        pull = try ZMQSocket(context: context, type: .pull)
        try push.setOption(.linger(.seconds(1)))
        try pull.setOption(.linger(.zero))
        if let receiveHighWaterMark {
            try pull.setOption(.receiveHighWaterMark(receiveHighWaterMark))
        }
        try push.connect(inputEndpoint)
        try pull.connect(outputEndpoint)
    }

    /// Sends one multipart message, waiting for the connection if needed.
    func send(_ frames: [[UInt8]]) throws {
        try push.send(frames)
    }

    /// The next message from the runner, or `nil` after `timeout`.
    ///
    /// Polls in short slices so a cooperative thread is never held for long.
    func receive(timeout: Duration = TimeBound.hang(after: .seconds(20))) async throws -> [[UInt8]]? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let frames = try pull.receive(blocking: false) {
                return frames
            }
            var items = [ZMQPollItem(socket: pull, events: .readable)]
            try ZMQPoller.poll(&items, timeout: .milliseconds(5))
            await Task.yield()
        }
        return nil
    }

    deinit {
        try? push.close()
        try? pull.close()
        try? context.terminate()
    }
}
