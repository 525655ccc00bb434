import MessagePack

extension OutboundMessage {
    /// The two frames of this message, with the payload encoded as the spec requires for its type.
    public var wireMessage: WireMessage {
        WireMessage(op, payload: payload)
    }

    /// The encoded payload.
    public var payload: [UInt8] {
        var json = JSONWriter()
        switch self {
        case .stdout(let bytes), .stderr(let bytes):
            return bytes
        case .status(let startedAt):
            return MessagePackValue.map([(.string("started_at"), .double(startedAt))]).encode()
        case .media(let media):
            json.object {
                $0.member("type", media.type)
                $0.member("data", media.data)
            }
        case .waitingInput(let isPassword):
            json.object { $0.member("is_password", bool: isPassword) }
        case .finished(let result), .buildFinished(let result), .cleanFinished(let result):
            json.object { result.write(into: &$0) }
        case .completion(let suggestions):
            json.object { $0.member("suggestions", strings: suggestions) }
        case .serviceResult(let result), .modelServiceResult(let result):
            json.object { result.write(into: &$0) }
        case .appsResult(let apps):
            json.object { object in
                object.member("status", "done")
                object.key("data")
                object.json.raw("[")
                for (index, app) in apps.enumerated() {
                    if index > 0 { object.json.raw(", ") }
                    object.json.object { app.write(into: &$0) }
                }
                object.json.raw("]")
            }
        case .modelServiceStatus(let name, let isHealthy):
            json.object {
                $0.member("model_name", name)
                $0.member("is_healthy", bool: isHealthy)
            }
        }
        return json.bytes
    }
}

extension RunResult {
    fileprivate func write(into object: inout JSONWriter.ObjectWriter) {
        object.member("exitCode", int: exitCode)
        if let reason { object.member("reason", reason.rawValue) }
        if let signal { object.member("signal", int: Int(signal)) }
        if let wallTime { object.member("wallTime", double: wallTime) }
        if let cpuTime { object.member("cpuTime", double: cpuTime) }
        if let maxRSS { object.member("maxRSS", int: maxRSS) }
        if let policyDenials { object.member("policyDenials", int: policyDenials) }
    }
}

extension ServiceResult {
    fileprivate func write(into object: inout JSONWriter.ObjectWriter) {
        switch self {
        case .started: object.member("status", "started")
        case .running: object.member("status", "running")
        case .failed(let error):
            object.member("status", "failed")
            object.member("error", error)
        }
    }
}

extension AppInfo {
    fileprivate func write(into object: inout JSONWriter.ObjectWriter) {
        object.member("name", name)
        if let urlTemplate { object.member("url_template", urlTemplate) }
        if let allowedArguments { object.member("allowed_arguments", strings: allowedArguments) }
        if let allowedEnvs { object.member("allowed_envs", strings: allowedEnvs) }
    }
}
