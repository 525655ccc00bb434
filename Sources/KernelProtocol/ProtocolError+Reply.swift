extension ProtocolError {
    /// The answer to a request the agent waits for but that cannot be decoded. Without one the
    /// agent waits 10–35 s for a service reply, and forever for a completion.
    public var reply: OutboundMessage? {
        guard code == .invalidUTF8 || code == .invalidJSON else { return nil }
        switch Op(rawValue: op) {
        case .complete?: return .completion([])
        case .getApps?: return .appsResult([])
        case .startService?: return .serviceResult(.failed("invalid start-service request: \(description)"))
        case .startModelService?: return .modelServiceResult(.failed("invalid start-model-service request: \(description)"))
        default: return nil
        }
    }
}
