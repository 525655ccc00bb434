import FoundationEssentials

/// What the decoders of both directions read from a frame pair; failures are ``ProtocolError``s.
extension WireMessage {
    /// True when the op frame is printable ASCII, as every op name is.
    var hasPrintableOp: Bool {
        op.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// The op frame, short and printable whatever the peer sent (it goes to the log).
    var sanitisedOp: String {
        let head = op.prefix(64).map { $0 >= 0x20 && $0 < 0x7F ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16) }
        return head.joined() + (op.count > 64 ? "…(\(op.count) bytes)" : "")
    }

    /// The payload as text; it must be UTF-8.
    func text() throws(ProtocolError) -> String {
        guard let text = String(validating: payload, as: UTF8.self) else {
            throw ProtocolError(.invalidUTF8, op: opName)
        }
        return text
    }

    /// The payload decoded as the JSON of `type`.
    func json<T: Decodable>(_ type: T.Type) throws(ProtocolError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(payload))
        } catch {
            throw ProtocolError(.invalidJSON, op: opName, detail: String(describing: error).prefix(200).description)
        }
    }
}
