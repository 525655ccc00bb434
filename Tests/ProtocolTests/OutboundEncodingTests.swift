import KernelProtocol
import Testing

@Suite("Outbound frame encoding")
struct OutboundEncodingTests {
    /// The original runner formats JSON with Python's `json.dumps` defaults; ours must match byte
    /// for byte.
    @Test(arguments: [
        (OutboundMessage.finished(RunResult(exitCode: 0)), "finished", #"{"exitCode": 0}"#),
        (.buildFinished(RunResult(exitCode: 2)), "build-finished", #"{"exitCode": 2}"#),
        (.cleanFinished(RunResult(exitCode: -2)), "clean-finished", #"{"exitCode": -2}"#),
        (.waitingInput(isPassword: true), "waiting-input", #"{"is_password": true}"#),
        (.completion(["print", "privé"]), "completion", #"{"suggestions": ["print", "priv\u00e9"]}"#),
        (.serviceResult(.started), "service-result", #"{"status": "started"}"#),
        (.serviceResult(.failed("unsupported service: x")), "service-result", #"{"status": "failed", "error": "unsupported service: x"}"#),
        (.modelServiceStatus(modelName: "m", isHealthy: false), "model-service-status", #"{"model_name": "m", "is_healthy": false}"#),
        (.media(Media(type: "text/html", data: "<b>\"hi\"</b>")), "media", #"{"type": "text/html", "data": "<b>\"hi\"</b>"}"#),
        (
            .appsResult([AppInfo(name: "jupyter", urlTemplate: "{protocol}://{host}:{port}/")]), "apps-result",
            #"{"status": "done", "data": [{"name": "jupyter", "url_template": "{protocol}://{host}:{port}/"}]}"#
        ),
    ])
    func encodesLikeTheOriginal(message: OutboundMessage, op: String, payload: String) {
        #expect(message.wireMessage == WireMessage(op: Array(op.utf8), payload: Array(payload.utf8)))
    }

    @Test func optionalResultKeysFollowTheExitCode() {
        let result = RunResult(exitCode: -2, reason: .interrupted, signal: 2, wallTime: 1.5)
        #expect(
            String(decoding: OutboundMessage.finished(result).payload, as: UTF8.self)
                == #"{"exitCode": -2, "reason": "interrupted", "signal": 2, "wallTime": 1.5}"#)
    }

    @Test func outputIsPassedThroughUntouched() {
        let bytes: [UInt8] = [0xE2, 0x82, 0xFF, 0x00]
        #expect(OutboundMessage.stdout(bytes).wireMessage == WireMessage(op: Array("stdout".utf8), payload: bytes))
    }

    /// What Python's `msgpack.packb({"started_at": 12.5})` gives.
    @Test func statusIsTheOriginalsMessagePack() {
        let expected: [UInt8] = [0x81, 0xAA] + Array("started_at".utf8) + [0xCB, 0x40, 0x29, 0, 0, 0, 0, 0, 0]
        #expect(OutboundMessage.status(startedAt: 12.5).wireMessage == WireMessage(op: Array("status".utf8), payload: expected))
    }
}
