import KernelProtocol
import KernelRunner

extension FuzzTarget {
    /// The JSON payload of `op` as the agent would send it.
    ///
    /// An accepted payload must survive a round trip: encoding what was decoded and decoding
    /// that again gives the same request (nothing the daemon acts on depends on how the agent
    /// spelt the JSON). What the daemon derives from the request must not trap either.
    static func jsonPayload(op: Op) -> FuzzTarget {
        FuzzTarget("\(op.rawValue)-payload", dictionary: "json.dict") { input throws(InvariantViolation) in
            guard let request = try? InboundMessage(WireMessage(op, payload: input)) else { return }
            try require(request.op == op, "\(op) decoded as \(request)")
            let encoded: WireMessage
            do {
                encoded = try request.wireMessage
            } catch {
                throw InvariantViolation(description: "\(op): a decoded payload does not encode again: \(error)")
            }
            let again = try? InboundMessage(encoded)
            try require(
                again == request,
                "\(op): \(request) became \(String(describing: again)) through \(String(decoding: encoded.payload, as: UTF8.self))")
            request.deriveWhatTheDaemonUses()
        }
    }
}

extension InboundMessage {
    /// Computes what the daemon computes from the request before acting on it.
    fileprivate func deriveWhatTheDaemonUses() {
        switch self {
        case .complete(let request): _ = request.textBeforeCursor
        case .event(let event): _ = event.data?.text
        case .startService(let request):
            _ = request.allPorts
            _ = request.options?.arguments?.values.map(\.text)
            _ = request.options?.envs?.values.map(\.text)
        case .startModelService(let request): _ = try? ServiceDefinition(model: request)
        default: break
        }
    }
}
