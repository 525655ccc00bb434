import TestSupport
import ZeroMQ

/// A second agent PUSH socket that sends any frames at all, bypassing ``AgentClient``'s
/// two-frame messages; it never blocks a cooperative thread for long.
final class RawPusher {
    private let context: ZMQContext
    private let socket: ZMQSocket

    /// Connects to the daemon's PULL port on 127.0.0.1.
    init(port: Int) throws {
        context = try ZMQContext()
        socket = try ZMQSocket(context: context, type: .push)
        try socket.setOption(.linger(.seconds(1)))
        try socket.connect("tcp://127.0.0.1:\(port)")
    }

    /// Sends one multipart message, waiting (bounded) while libzmq cannot take it.
    func send(_ frames: [[UInt8]], within limit: Duration = TimeBound.hang(after: .seconds(60))) async throws {
        let deadline = ContinuousClock.now + limit
        while try !socket.send(frames, blocking: false) {
            guard ContinuousClock.now < deadline else {
                throw HarnessError("the daemon took no message for \(limit): it stopped reading")
            }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Delivers what is queued (for up to the linger) and closes the socket.
    func close() throws {
        try socket.close()
        try context.terminate()
    }
}
