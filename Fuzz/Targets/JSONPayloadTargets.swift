import Foundation
import KernelProtocol
import KernelRunner

extension FuzzTarget {
    /// The JSON payload of `op` as the agent would send it.
    ///
    /// An accepted payload must survive a round trip: encoding what was decoded and decoding
    /// that again gives the same request (nothing the daemon acts on depends on how the agent
    /// spelt the JSON). What the daemon derives from the request must not trap either.
    static func jsonPayload(op: String) -> FuzzTarget {
        FuzzTarget("\(op)-payload", dictionary: "json.dict") { input throws(InvariantViolation) in
            guard let request = try? InboundMessage(WireMessage(op: Array(op.utf8), payload: input)) else { return }
            guard let payload = request.jsonPayload else {
                throw InvariantViolation(description: "\(op) decoded as \(request)")
            }
            let encoded: Data
            do {
                encoded = try JSONEncoder().encode(payload)
            } catch {
                throw InvariantViolation(description: "\(op): a decoded payload does not encode again: \(error)")
            }
            let again = try? InboundMessage(WireMessage(op: Array(op.utf8), payload: Array(encoded)))
            try require(again == request, "\(op): \(request) became \(String(describing: again)) through \(String(decoding: encoded, as: UTF8.self))")
            request.deriveWhatTheDaemonUses()
        }
    }
}

private extension InboundMessage {
    /// The decoded payload of the JSON ops.
    var jsonPayload: (any Encodable)? {
        switch self {
        case .complete(let request): request
        case .event(let event): event
        case .startService(let request): request
        case .shutdownService(let name): name
        case .startModelService(let request): request
        default: nil
        }
    }

    /// Computes what the daemon computes from the request before acting on it.
    func deriveWhatTheDaemonUses() {
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
