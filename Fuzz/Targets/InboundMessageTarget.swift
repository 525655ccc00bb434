import KernelProtocol

extension FuzzTarget {
    /// `InboundMessage(WireMessage)`, the first thing every agent message meets. The input is
    /// `op NUL payload` (without a NUL it is all op and the payload is empty).
    ///
    /// Each outcome must match what the bytes are: accepted only for a known printable op with
    /// a UTF-8 payload (any payload for `status` and `interrupt`, which the decoder answers
    /// whatever they carry), rejected for the reason that applies, text ops carrying the payload
    /// unchanged, and error messages short whatever the agent sent (they go to the log).
    static let inboundMessage = FuzzTarget("inbound-message", dictionary: "inbound-message.dict") { input throws(InvariantViolation) in
        let separator = input.firstIndex(of: 0) ?? input.endIndex
        let message = WireMessage(op: Array(input[..<separator]), payload: Array(input[min(separator + 1, input.endIndex)...]))
        let op = String(decoding: message.op, as: UTF8.self)
        let isPrintable = message.op.allSatisfy { (0x20..<0x7F).contains($0) }
        let isKnown = isPrintable && message.kind.map(InboundMessage.knownOps.contains) == true
        // Decoding with replacement changes exactly the payloads that are not UTF-8.
        let isUTF8 = Array(String(decoding: message.payload, as: UTF8.self).utf8) == message.payload
        let ignoresPayload = isKnown && (op == "status" || op == "interrupt")
        switch Result(catching: { () throws(ProtocolError) in try InboundMessage(message) }) {
        case .success(let request):
            try require(isKnown && (isUTF8 || ignoresPayload), "accepted op \(message.op) with payload \(message.payload.prefix(64))")
            try require(request.op == message.kind, "\(op) decoded as \(request)")
            try require(request.isQueued == [.clean, .build, .exec, .code].contains(request.op), "\(op) queued: \(request.isQueued)")
            if let text = request.text {
                try require(Array(text.utf8) == message.payload, "\(op) changed its payload")
            }
        case .failure(let error):
            switch error.code {
            case .invalidOp: try require(!isPrintable, "rejected the printable op \(op) as not printable")
            case .invalidUTF8: try require(isPrintable && !isUTF8 && !ignoresPayload, "rejected a UTF-8 payload of \(op)")
            case .unknownOp: try require(isPrintable && isUTF8 && !isKnown, "rejected the known op \(op) as unknown")
            case .invalidJSON: try require(isKnown && isUTF8, "JSON error for \(op)")
            case .invalidMessagePack: throw InvariantViolation(description: "a MessagePack error for the request \(op)")
            }
            try require(error.description.utf8.count <= 1024, "a \(error.description.utf8.count)-byte error message")
        }
    }
}

extension InboundMessage {
    /// The payload of the ops that carry plain text.
    fileprivate var text: String? {
        switch self {
        case .clean(let text), .build(let text), .exec(let text), .code(let text), .input(let text), .getApps(let text): text
        default: nil
        }
    }
}
