import FoundationEssentials

extension InboundMessage {
    /// The two frames of this request, as the agent sends them: text ops carry their text as
    /// UTF-8, JSON ops their payload through `JSONEncoder`, `interrupt` and `status` nothing.
    ///
    /// - Throws: ``ProtocolError`` (``ProtocolError/Code/invalidJSON``) for a payload that has
    ///   no JSON spelling, such as a number that is not finite.
    public var wireMessage: WireMessage {
        get throws(ProtocolError) {
            switch self {
            case .clean(let text), .build(let text), .exec(let text), .code(let text), .input(let text), .getApps(let text):
                return WireMessage(op, text: text)
            case .interrupt, .status:
                return WireMessage(op)
            case .complete(let request): return try json(request)
            case .event(let event): return try json(event)
            case .startService(let request): return try json(request)
            case .shutdownService(let name): return try json(name)
            case .startModelService(let request): return try json(request)
            }
        }
    }

    private func json(_ payload: some Encodable) throws(ProtocolError) -> WireMessage {
        let encoder = JSONEncoder()
        // Dictionaries (service options, event data) come out in one order: one request, one
        // frame. Paths keep their slashes, as the agent's `json.dumps` writes them.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return WireMessage(op, payload: Array(try encoder.encode(payload)))
        } catch {
            throw ProtocolError(.invalidJSON, op: op.rawValue, detail: String(describing: error).prefix(200).description)
        }
    }
}
