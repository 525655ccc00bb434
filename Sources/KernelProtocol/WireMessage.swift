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

    /// Creates a message for the given op.
    public init(_ op: Op, payload: [UInt8] = []) {
        self.init(op: Array(op.rawValue.utf8), payload: payload)
    }

    /// Creates a message for the given op whose payload is UTF-8 text.
    public init(_ op: Op, text: String) {
        self.init(op, payload: Array(text.utf8))
    }

    /// The op, or nil when the first frame names none (garbage, or an op of a newer protocol).
    public var kind: Op? {
        String(validating: op, as: UTF8.self).flatMap(Op.init(rawValue:))
    }

    /// The op decoded as text (lossy for non-UTF-8 bytes), for logs.
    public var opName: String { String(decoding: op, as: UTF8.self) }
}
