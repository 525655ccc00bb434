import KernelProtocol
import Testing

@Suite("Inbound message decoding")
struct InboundDecodingTests {
    @Test(arguments: [
        (Op.clean, "make clean", InboundMessage.clean("make clean")),
        (.build, "*", .build("*")),
        (.exec, "", .exec("")),
        (.code, "print('é')", .code("print('é')")),
        (.input, "Bob", .input("Bob")),
        (.interrupt, "", .interrupt),
        (.status, "", .status),
        (.getApps, "jupyter", .getApps("jupyter")),
        (.shutdownService, "\"jupyter\"", .shutdownService("jupyter")),
    ])
    func decodesTextOps(op: Op, payload: String, expected: InboundMessage) throws {
        #expect(try InboundMessage(WireMessage(op, text: payload)) == expected)
    }

    @Test func decodesCompletionWithCursorOptions() throws {
        let message = WireMessage(.complete, text: #"{"code": "pri", "line": "x = pri", "row": 0, "col": 7}"#)
        guard case .complete(let request) = try InboundMessage(message) else {
            Issue.record("not a completion request")
            return
        }
        #expect(request.code == "pri")
        #expect(request.textBeforeCursor == "x = pri")
    }

    @Test func decodesStartService() throws {
        let text = #"{"name": "jupyter", "port": 8070, "ports": [8070], "protocol": "http", "options": {"envs": {"A": "1"}}}"#
        guard case .startService(let request) = try InboundMessage(WireMessage(.startService, text: text)) else {
            Issue.record("not a start-service request")
            return
        }
        #expect(request.name == "jupyter")
        #expect(request.allPorts == [8070])
        #expect(request.options?.envs?["A"] == .string("1"))
    }

    @Test func rejectsUnknownOps() {
        #expect(throws: ProtocolError(.unknownOp, op: "restart")) {
            try InboundMessage(WireMessage(op: Array("restart".utf8), payload: []))
        }
    }

    /// The runner's own ops are no requests, `status` aside.
    @Test(arguments: [Op.stdout, .finished, .completion, .modelServiceStatus])
    func rejectsTheRunnersOps(op: Op) {
        #expect(throws: ProtocolError(.unknownOp, op: op.rawValue)) {
            try InboundMessage(WireMessage(op, text: "{}"))
        }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: ProtocolError(.invalidUTF8, op: "code")) {
            try InboundMessage(WireMessage(.code, payload: [0x66, 0xC3]))
        }
    }

    @Test(arguments: [Op.complete, .startService, .event, .startModelService, .shutdownService])
    func rejectsMalformedJSON(op: Op) throws {
        let error = try #require(throws: ProtocolError.self) {
            try InboundMessage(WireMessage(op, text: "{not json"))
        }
        #expect(error.code == .invalidJSON)
    }

    @Test func rejectsBinaryOpNames() throws {
        let error = try #require(throws: ProtocolError.self) {
            try InboundMessage(WireMessage(op: [0, 255, 10], payload: []))
        }
        #expect(error.code == .invalidOp)
    }
}
