import KernelProtocol
import KernelTransport
import Testing

@Suite("Transport round trips", .timeLimit(.minutes(1)))
struct TransportRoundTripTests {
    @Test(
        "a message crosses each direction intact",
        arguments: [
            [],
            Array("print('hello')".utf8),
            [0, 255, 0, 10, 13],
        ] as [[UInt8]])
    func roundTrip(payload: [UInt8]) async throws {
        let transport = try makeRunnerTransport()
        defer { transport.shutdown(linger: .zero) }
        let agent = try transport.connectRawAgent()
        var inbound = transport.inbound.makeAsyncIterator()

        try agent.send([Array("code".utf8), payload])
        #expect(await inbound.next() == WireMessage(.code, payload: payload))

        transport.send(WireMessage(.stdout, payload: payload))
        #expect(try await agent.receive() == [Array("stdout".utf8), payload])
    }

    @Test("messages without exactly two frames are dropped and logged", arguments: [1, 3, 5])
    func wrongFrameCount(frameCount: Int) async throws {
        let (logger, records) = RecordingLogHandler.makeLogger()
        let transport = try makeRunnerTransport(logger: logger)
        defer { transport.shutdown(linger: .zero) }
        let agent = try transport.connectRawAgent()
        var inbound = transport.inbound.makeAsyncIterator()

        try agent.send((0..<frameCount).map { Array("frame\($0)".utf8) })
        try agent.send([Array("status".utf8), []])

        #expect(await inbound.next() == WireMessage(.status))
        #expect(records.messages(at: .warning).contains { $0.contains("\(frameCount) frames") })
    }

    @Test("10k messages keep their order in both directions")
    func ordering() async throws {
        let count = 10_000
        let transport = try makeRunnerTransport()
        defer { transport.shutdown(linger: .zero) }
        let agent = try transport.connectRawAgent()
        var inbound = transport.inbound.makeAsyncIterator()

        for index in 0..<count {
            try agent.send([Array("input".utf8), Array(String(index).utf8)])
            transport.send(WireMessage(.stdout, text: String(index)))
        }
        for index in 0..<count {
            #expect(await inbound.next()?.payload == Array(String(index).utf8))
            let frames = try await agent.receive()
            #expect(frames?.last == Array(String(index).utf8))
        }
    }

    @Test("a 64 MiB payload crosses each direction")
    func largePayload() async throws {
        var payload = [UInt8](repeating: 0xab, count: 64 << 20)
        for index in stride(from: 0, to: payload.count, by: 4099) {
            payload[index] = UInt8(truncatingIfNeeded: index)
        }
        let transport = try makeRunnerTransport()
        defer { transport.shutdown(linger: .zero) }
        let agent = try transport.connectRawAgent()
        var inbound = transport.inbound.makeAsyncIterator()

        try agent.send([Array("code".utf8), payload])
        #expect(await inbound.next()?.payload.hasSameBytes(as: payload) == true)

        transport.send(WireMessage(.stdout, payload: payload))
        #expect(try await agent.receive()?.last?.hasSameBytes(as: payload) == true)
    }
}
