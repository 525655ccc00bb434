import KernelProtocol
import ProcessSupervision

extension RunOutput {
    /// The `media` frames, decoded (a frame that is not the JSON envelope is a test failure).
    public var media: [Media] {
        messages.compactMap { message in
            guard case .media(let media)? = try? OutboundMessage(message) else { return nil }
            return media
        }
    }

    /// `is_password` of the last `waiting-input` frame; nil without one or if it is not JSON.
    public var inputIsPassword: Bool? {
        guard let frame = messages.last(where: { $0.kind == .waitingInput }),
            case .waitingInput(let isPassword)? = try? OutboundMessage(frame)
        else { return nil }
        return isPassword
    }

    /// The ops in order, runs of the same op counted once (output may come in any number of
    /// chunks).
    public var collapsedOps: [Op?] {
        ops.reduce(into: []) { result, op in
            if result.last != op { result.append(op) }
        }
    }

    /// stdout and stderr in arrival order (prompts may go to either).
    public var console: String {
        String(decoding: messages.filter { $0.kind == .stdout || $0.kind == .stderr }.flatMap(\.payload), as: UTF8.self)
    }
}
