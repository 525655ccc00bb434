/// Why a ``WireMessage`` could not be turned into an ``InboundMessage`` or ``OutboundMessage``,
/// or an ``InboundMessage`` into a ``WireMessage``.
public struct ProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: Sendable, Equatable {
        /// The op frame is not an op of the message's direction (for requests, one of
        /// ``InboundMessage/knownOps``).
        case unknownOp
        /// The op frame is not printable ASCII.
        case invalidOp
        /// The payload is not valid UTF-8 (every inbound payload must be).
        case invalidUTF8
        /// The payload is not the JSON the op requires (or, encoding, the request has no JSON
        /// spelling, such as a number that is not finite).
        case invalidJSON
        /// The payload is not the MessagePack the op requires (`status` replies).
        case invalidMessagePack
    }

    /// The kind of failure.
    public let code: Code
    /// The op as received, sanitised for logging.
    public let op: String
    /// Extra detail (e.g. the JSON decoder's message).
    public let detail: String

    /// Creates an error.
    public init(_ code: Code, op: String, detail: String = "") {
        self.code = code
        self.op = op
        self.detail = detail
    }

    public var description: String {
        let what: String
        switch code {
        case .unknownOp: what = "unknown op"
        case .invalidOp: what = "op frame is not printable ASCII"
        case .invalidUTF8: what = "payload is not valid UTF-8"
        case .invalidJSON: what = "payload is not valid JSON for this op"
        case .invalidMessagePack: what = "payload is not valid MessagePack for this op"
        }
        return detail.isEmpty ? "\(what) (op \"\(op)\")" : "\(what) (op \"\(op)\"): \(detail)"
    }
}
