import MessagePack

extension OutboundMessage {
    /// Decodes a two-frame wire message from the runner, as the agent reads it.
    ///
    /// Output frames carry raw bytes; the others must carry the JSON (msgpack for `status`)
    /// their op requires. Nothing here traps on hostile input.
    public init(_ message: WireMessage) throws(ProtocolError) {
        switch message.kind {
        case .stdout?: self = .stdout(message.payload)
        case .stderr?: self = .stderr(message.payload)
        case .media?: self = .media(try message.json(Media.self))
        case .waitingInput?: self = .waitingInput(isPassword: try message.json(InputRequest.self).isPassword)
        case .finished?: self = .finished(try message.json(RunResult.self))
        case .buildFinished?: self = .buildFinished(try message.json(RunResult.self))
        case .cleanFinished?: self = .cleanFinished(try message.json(RunResult.self))
        case .completion?: self = .completion(try message.json(Completion.self).suggestions)
        case .status?: self = .status(startedAt: try Self.startedAt(of: message))
        case .serviceResult?: self = .serviceResult(try message.json(ServiceReply.self).result)
        case .appsResult?: self = .appsResult(try message.json(Apps.self).data)
        case .modelServiceResult?: self = .modelServiceResult(try message.json(ServiceReply.self).result)
        case .modelServiceStatus?:
            let health = try message.json(ModelHealth.self)
            self = .modelServiceStatus(modelName: health.modelName, isHealthy: health.isHealthy)
        default:
            // Unknown bytes, or an op of the agent's requests.
            throw ProtocolError(.unknownOp, op: message.sanitisedOp)
        }
    }

    /// `started_at` of a `status` reply: msgpack `{"started_at": <float>}`.
    private static func startedAt(of message: WireMessage) throws(ProtocolError) -> Double {
        let value: MessagePackValue
        do {
            value = try MessagePackValue.decode(message.payload)
        } catch {
            throw ProtocolError(.invalidMessagePack, op: message.opName, detail: error.description)
        }
        guard let startedAt = value["started_at"]?.doubleValue else {
            throw ProtocolError(.invalidMessagePack, op: message.opName, detail: "no number under \"started_at\"")
        }
        return startedAt
    }
}

/// `waiting-input`: `{"is_password": bool}`.
private struct InputRequest: Decodable {
    var isPassword: Bool

    enum CodingKeys: String, CodingKey {
        case isPassword = "is_password"
    }
}

/// `completion`: `{"suggestions": [str]}`.
private struct Completion: Decodable {
    var suggestions: [String]
}

/// `apps-result`: `{"status": "done", "data": [app]}`.
private struct Apps: Decodable {
    var data: [AppInfo]
}

/// `model-service-status`: `{"model_name": str, "is_healthy": bool}`.
private struct ModelHealth: Decodable {
    var modelName: String
    var isHealthy: Bool

    enum CodingKeys: String, CodingKey {
        case modelName = "model_name"
        case isHealthy = "is_healthy"
    }
}

/// `service-result` and `model-service-result`: `{"status": "started" | "running"}` or
/// `{"status": "failed", "error": str}`.
private struct ServiceReply: Decodable {
    var result: ServiceResult

    enum CodingKeys: String, CodingKey {
        case status, error
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .status) {
        case "started": result = .started
        case "running": result = .running
        case "failed": result = .failed(try container.decode(String.self, forKey: .error))
        case let status:
            throw DecodingError.dataCorruptedError(forKey: .status, in: container, debugDescription: "unknown status \(status)")
        }
    }
}
