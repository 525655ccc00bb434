import Foundation

extension InboundMessage {
    /// Decodes a two-frame wire message.
    ///
    /// Every payload must be UTF-8, as in the original runner; JSON ops must carry the JSON
    /// their op requires. Nothing here traps on hostile input.
    public init(_ message: WireMessage) throws(ProtocolError) {
        guard message.op.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw ProtocolError(.invalidOp, op: Self.sanitised(message.op))
        }
        let op = String(decoding: message.op, as: UTF8.self)
        guard let text = String(validating: message.payload, as: UTF8.self) else {
            throw ProtocolError(.invalidUTF8, op: op)
        }
        switch op {
        case "clean": self = .clean(text)
        case "build": self = .build(text)
        case "exec": self = .exec(text)
        case "code": self = .code(text)
        case "input": self = .input(text)
        case "interrupt": self = .interrupt
        case "status": self = .status
        case "get-apps": self = .getApps(text)
        case "complete": self = .complete(try Self.json(CompletionRequest.self, text, op: op))
        case "event": self = .event(try Self.json(AgentEvent.self, text, op: op))
        case "start-service": self = .startService(try Self.json(ServiceRequest.self, text, op: op))
        case "shutdown-service": self = .shutdownService(try Self.json(String.self, text, op: op))
        case "start-model-service":
            self = .startModelService(try Self.json(ModelServiceRequest.self, text, op: op))
        default:
            throw ProtocolError(.unknownOp, op: Self.sanitised(message.op))
        }
    }

    private static func json<T: Decodable>(_ type: T.Type, _ text: String, op: String) throws(ProtocolError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw ProtocolError(.invalidJSON, op: op, detail: String(describing: error).prefix(200).description)
        }
    }

    /// Keeps log lines short and printable whatever the agent sent.
    private static func sanitised(_ bytes: [UInt8]) -> String {
        let head = bytes.prefix(64).map { $0 >= 0x20 && $0 < 0x7F ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16) }
        return head.joined() + (bytes.count > 64 ? "…(\(bytes.count) bytes)" : "")
    }
}
