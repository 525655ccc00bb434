import KernelProtocol
import Testing

@Suite("Op names")
struct OpTests {
    /// The names on the wire, as `backend-ai-protocol.md` §3 spells them.
    @Test func rawValuesAreTheWireNames() {
        #expect(
            Op.allCases.map(\.rawValue) == [
                "clean", "build", "exec", "code", "input", "complete", "interrupt", "status", "event",
                "start-service", "shutdown-service", "get-apps", "start-model-service",
                "stdout", "stderr", "media", "waiting-input", "finished", "build-finished", "clean-finished",
                "completion", "service-result", "apps-result", "model-service-result", "model-service-status",
            ])
    }

    @Test(arguments: Op.allCases)
    func wireMessagesNameTheirOp(op: Op) {
        let message = WireMessage(op, text: "x")
        #expect(message.op == Array(op.rawValue.utf8))
        #expect(message.kind == op)
        #expect("\(op)" == op.rawValue)
    }

    @Test(
        arguments: [[UInt8]]([
            [],
            Array("Status".utf8),
            Array("launch-missiles".utf8),
            Array("status ".utf8),
            [0x73, 0xFF],
        ]))
    func framesThatNameNoOpHaveNoKind(op: [UInt8]) {
        #expect(WireMessage(op: op, payload: []).kind == nil)
    }
}
