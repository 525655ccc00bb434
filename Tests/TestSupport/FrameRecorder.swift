import KernelProtocol
import Synchronization

/// Collects frames sent through a `send` closure.
public final class FrameRecorder: Sendable {
    public init() {}

    private let frames = Mutex<[OutboundMessage]>([])

    public var all: [OutboundMessage] { frames.withLock { $0 } }

    public func record(_ message: OutboundMessage) {
        frames.withLock { $0.append(message) }
    }

    /// Waits until `count` frames arrived; returns them.
    public func wait(for count: Int, timeout: Duration = TimeBound.hang(after: .seconds(20))) async -> [OutboundMessage] {
        _ = await eventually(within: timeout) { all.count >= count }
        return all
    }
}

/// A python3 `http.server` on `{ports[0]}`, bound to loopback.
public let httpServerDefinition = #"{"command": ["python3", "-m", "http.server", "{ports[0]}", "--bind", "127.0.0.1"]}"#
