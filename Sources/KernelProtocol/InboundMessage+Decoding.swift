extension InboundMessage {
    /// Decodes a two-frame wire message.
    ///
    /// Every payload must be UTF-8, as in the original runner; JSON ops must carry the JSON
    /// their op requires. Nothing here traps on hostile input.
    public init(_ message: WireMessage) throws(ProtocolError) {
        guard message.hasPrintableOp else {
            throw ProtocolError(.invalidOp, op: message.sanitisedOp)
        }
        // Their payload is ignored: a `status` the agent waits for is answered whatever it carries.
        switch message.kind {
        case .status?:
            self = .status
            return
        case .interrupt?:
            self = .interrupt
            return
        default: break
        }
        let text = try message.text()
        switch message.kind {
        case .clean?: self = .clean(text)
        case .build?: self = .build(text)
        case .exec?: self = .exec(text)
        case .code?: self = .code(text)
        case .input?: self = .input(text)
        case .getApps?: self = .getApps(text)
        case .complete?: self = .complete(try message.json(CompletionRequest.self))
        case .event?: self = .event(try message.json(AgentEvent.self))
        case .startService?: self = .startService(try message.json(ServiceRequest.self))
        case .shutdownService?: self = .shutdownService(try message.json(String.self))
        case .startModelService?: self = .startModelService(try message.json(ModelServiceRequest.self))
        default:
            // Unknown bytes, or an op of the runner's own messages.
            throw ProtocolError(.unknownOp, op: message.sanitisedOp)
        }
    }
}
