import KernelProtocol
import Testing

@Suite("Inbound message encoding")
struct InboundEncodingTests {
    /// A request of every op, the optional fields both given and left out.
    static let requests: [InboundMessage] = [
        .clean("make clean"),
        .build("*"),
        .exec(""),
        .code("print('é')\n"),
        .input("Bob"),
        .complete(CompletionRequest(code: "x = pri", line: "x = pri", row: 0, col: 7, post: ")")),
        .complete(CompletionRequest(code: "pri")),
        .interrupt,
        .status,
        .event(AgentEvent(type: "oom", data: .object(["pid": .number(42), "tags": .array([.string("a"), .bool(true), .null])]))),
        .event(AgentEvent(type: "ping")),
        .startService(
            ServiceRequest(
                name: "jupyter", port: 8070, ports: [8070, 8071], protocol: "http",
                options: .init(arguments: ["--debug": .bool(true)], envs: ["A": .string("1")]))),
        .startService(ServiceRequest(name: "ttyd")),
        .shutdownService("jupyter"),
        .getApps(""),
        .getApps("jupyter"),
        .startModelService(
            ModelServiceRequest(
                name: "llm", modelPath: "/models/llm",
                service: .init(
                    startCommand: .argv(["serve", "--port", "8000"]), shell: "/bin/bash",
                    preStartActions: [.object(["action": .string("write_file")])], port: 8000, healthCheck: .init()))),
        .startModelService(ModelServiceRequest(name: "m", modelPath: "/m", service: .init(startCommand: .shell("serve"), port: 9000))),
    ]

    @Test(arguments: requests)
    func roundTrips(request: InboundMessage) throws {
        let message = try request.wireMessage
        #expect(message.kind == request.op)
        #expect(try InboundMessage(message) == request)
    }

    @Test func everyRequestOpIsCovered() {
        #expect(Set(Self.requests.map(\.op)) == Set(InboundMessage.knownOps))
    }

    /// Text ops carry their text, `interrupt` and `status` nothing, JSON ops compact JSON with
    /// sorted keys.
    @Test(arguments: [
        (InboundMessage.exec("make && ./main"), "exec", "make && ./main"),
        (.input("é"), "input", "é"),
        (.interrupt, "interrupt", ""),
        (.status, "status", ""),
        (.complete(CompletionRequest(code: #"a/"é""#)), "complete", #"{"code":"a/\"é\""}"#),
        (.shutdownService("jupyter"), "shutdown-service", #""jupyter""#),
        (
            .startService(ServiceRequest(name: "web", port: 8080, options: .init(envs: ["B": .string("2"), "A": .bool(false)]))),
            "start-service", #"{"name":"web","options":{"envs":{"A":false,"B":"2"}},"port":8080}"#
        ),
    ])
    func encodesTheFrames(request: InboundMessage, op: String, payload: String) throws {
        #expect(try request.wireMessage == WireMessage(op: Array(op.utf8), payload: Array(payload.utf8)))
    }

    @Test func numbersThatAreNotFiniteHaveNoJSONSpelling() throws {
        let error = try #require(throws: ProtocolError.self) {
            try InboundMessage.event(AgentEvent(type: "x", data: .number(.infinity))).wireMessage
        }
        #expect(error.code == .invalidJSON)
        #expect(error.op == "event")
    }
}
