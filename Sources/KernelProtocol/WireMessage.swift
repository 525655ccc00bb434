/// One ZeroMQ message as it crosses the wire: exactly two frames, `[op, payload]`.
///
/// Frame 1 names the operation (ASCII), frame 2 carries bytes whose encoding depends on the op.
public struct WireMessage: Sendable, Hashable {
    /// The first frame: the op or frame type name, as raw bytes.
    public var op: [UInt8]
    /// The second frame: the payload, as raw bytes.
    public var payload: [UInt8]

    /// Creates a message from raw frames.
    public init(op: [UInt8], payload: [UInt8]) {
        self.op = op
        self.payload = payload
    }

    /// Creates a message whose op is the given ASCII name.
    public init(_ op: String, payload: [UInt8] = []) {
        self.op = Array(op.utf8)
        self.payload = payload
    }

    /// Creates a message whose op and payload are UTF-8 text.
    public init(_ op: String, text: String) {
        self.init(op, payload: Array(text.utf8))
    }

    /// The op decoded as text (lossy for non-UTF-8 bytes), for logs and routing.
    public var opName: String { String(decoding: op, as: UTF8.self) }
}
