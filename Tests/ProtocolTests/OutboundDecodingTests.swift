import KernelProtocol
import MessagePack
import Testing

@Suite("Outbound message decoding")
struct OutboundDecodingTests {
    /// A message of every op, the optional fields both given and left out.
    static let messages: [OutboundMessage] = [
        .stdout([0xE2, 0x82, 0xFF, 0x00]),
        .stdout([]),
        .stderr(Array("oops\n".utf8)),
        .media(Media(type: "image/png", data: "data:image/png;base64,iVBORw0KGgo=")),
        .waitingInput(isPassword: false),
        .waitingInput(isPassword: true),
        .finished(RunResult(exitCode: 0)),
        .finished(RunResult(exitCode: -9, reason: .memory, signal: 9, wallTime: 2, cpuTime: 0.25, maxRSS: 1 << 30)),
        .buildFinished(RunResult(exitCode: 2, reason: .exited)),
        .cleanFinished(RunResult(exitCode: -2, reason: .outputLimit, wallTime: 0.001)),
        .completion([]),
        .completion(["print", "privé"]),
        .status(startedAt: 12345.678),
        .serviceResult(.started),
        .serviceResult(.running),
        .serviceResult(.failed("unsupported service: x")),
        .appsResult([]),
        .appsResult([
            AppInfo(name: "jupyter", urlTemplate: "{protocol}://{host}:{port}/", allowedArguments: ["--debug"], allowedEnvs: ["TOKEN"]),
            AppInfo(name: "ttyd"),
        ]),
        .modelServiceResult(.started),
        .modelServiceResult(.failed("health check failed")),
        .modelServiceStatus(modelName: "llm", isHealthy: true),
    ]

    @Test(arguments: messages)
    func roundTrips(message: OutboundMessage) throws {
        #expect(try OutboundMessage(message.wireMessage) == message)
    }

    @Test func everyOpOfTheRunnerIsCovered() {
        let requestsOnly = Set(InboundMessage.knownOps).subtracting([.status])
        #expect(Set(Self.messages.map(\.op)) == Set(Op.allCases).subtracting(requestsOnly))
    }

    @Test func terminalMessagesCarryTheResult() {
        let result = RunResult(exitCode: 3, reason: .exited)
        #expect(OutboundMessage.buildFinished(result).runResult == result)
        #expect(OutboundMessage.completion(["x"]).runResult == nil)
        #expect(OutboundMessage.terminalOps == [.finished, .buildFinished, .cleanFinished])
    }

    /// Another spelling of the same JSON (as another runner might send) means the same.
    @Test func readsAnyJSONSpelling() throws {
        let message = WireMessage(.finished, text: #"{ "maxRSS":1024,"exitCode" : 1, "future": [1] }"#)
        #expect(try OutboundMessage(message) == .finished(RunResult(exitCode: 1, maxRSS: 1024)))
    }

    @Test func anIntegralStartedAtIsANumberToo() throws {
        let payload = MessagePackValue.map([(key: "started_at", value: 7)]).encode()
        #expect(try OutboundMessage(WireMessage(.status, payload: payload)) == .status(startedAt: 7))
    }

    @Test(
        arguments: [[UInt8]]([
            [], [0xC1], Array(#"{"started_at": 1.5}"#.utf8), MessagePackValue.map([(key: "started", value: 1.5)]).encode(),
        ]))
    func statusNeedsMessagePackStartedAt(payload: [UInt8]) throws {
        let error = try #require(throws: ProtocolError.self) {
            try OutboundMessage(WireMessage(.status, payload: payload))
        }
        #expect(error.code == .invalidMessagePack)
    }

    @Test(arguments: [
        (Op.finished, #"{"exit": 0}"#),
        (.buildFinished, #"{"exitCode": 0, "reason": "bored"}"#),
        (.serviceResult, #"{"status": "exploded"}"#),
        (.modelServiceResult, #"{"status": "failed"}"#),
        (.waitingInput, "true"),
        (.completion, #"{"suggestions": "print"}"#),
        (.media, #"{"type": "text/html"}"#),
        (.appsResult, #"{"status": "done"}"#),
        (.modelServiceStatus, "{not json"),
    ])
    func rejectsJSONThatIsNotTheOps(op: Op, payload: String) throws {
        let error = try #require(throws: ProtocolError.self) {
            try OutboundMessage(WireMessage(op, text: payload))
        }
        #expect(error.code == .invalidJSON)
        #expect(error.op == op.rawValue)
    }

    @Test(arguments: [
        WireMessage(.exec, text: "make"),
        WireMessage(.complete, text: #"{"code": "x"}"#),
        WireMessage(op: Array("restart".utf8), payload: []),
        WireMessage(op: [0, 0xFF], payload: []),
    ])
    func rejectsWhatTheRunnerDoesNotSend(message: WireMessage) throws {
        let error = try #require(throws: ProtocolError.self) {
            try OutboundMessage(message)
        }
        #expect(error.code == .unknownOp)
    }
}
