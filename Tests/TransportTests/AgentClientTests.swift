import KernelClient
import KernelProtocol
import KernelTransport
import TestSupport
import Testing

@Suite("AgentClient", .timeLimit(.minutes(1)))
struct AgentClientTests {
    /// A runner transport and a client connected to it.
    private static func connectedPair() throws -> (ZMQTransport, AgentClient) {
        let runner = try makeRunnerTransport()
        let client = try AgentClient(inputPort: port(of: runner.inputEndpoint), outputPort: port(of: runner.outputEndpoint))
        return (runner, client)
    }

    private static func port(of endpoint: String) throws -> Int {
        try #require(Int(endpoint.split(separator: ":").last ?? ""))
    }

    @Test("collect returns everything up to and including the terminal message")
    func collectUntilTerminal() async throws {
        let (runner, client) = try Self.connectedPair()
        defer {
            client.close()
            runner.shutdown(linger: .zero)
        }
        var inbound = runner.inbound.makeAsyncIterator()

        try client.send(.code("print(1)"))
        #expect(await inbound.next() == WireMessage(.code, text: "print(1)"))
        runner.send(WireMessage(.stdout, text: "stdout"))
        // Names no op, so ends nothing.
        runner.send(WireMessage(op: Array("finish".utf8), payload: []))
        for op: Op in [.stderr, .finished, .stdout] {
            runner.send(WireMessage(op, text: op.rawValue))
        }

        let collected = try await client.collect(until: [.finished, .buildFinished], timeout: TimeBound.hang(after: .seconds(20)))
        #expect(collected.map(\.kind) == [.stdout, nil, .stderr, .finished])
        #expect(await client.next(timeout: TimeBound.hang(after: .seconds(20))) == WireMessage(.stdout, text: "stdout"))
    }

    @Test("send encodes a request; send(raw:) sends the frames as they are")
    func sendTypedAndRaw() async throws {
        let (runner, client) = try Self.connectedPair()
        defer {
            client.close()
            runner.shutdown(linger: .zero)
        }
        var inbound = runner.inbound.makeAsyncIterator()

        let request = InboundMessage.startService(ServiceRequest(name: "jupyter", port: 8070, protocol: "http"))
        try client.send(request)
        let received = try #require(await inbound.next())
        #expect(try InboundMessage(received) == request)

        let garbage = WireMessage(op: [0xFF, 0x00], payload: [0xC3])
        client.send(raw: garbage)
        #expect(await inbound.next() == garbage)
    }

    @Test("collect times out with what it received so far")
    func collectTimeout() async throws {
        let (runner, client) = try Self.connectedPair()
        defer {
            client.close()
            runner.shutdown(linger: .zero)
        }
        runner.send(WireMessage(.stdout, text: "a"))
        runner.send(WireMessage(.stdout, text: "b"))

        // Both frames arrive long before the timeout: loopback delivers them at once.
        let error = try await #require(throws: AgentClientError.self) {
            try await client.collect(until: [.finished], timeout: TimeBound.hang(after: .seconds(1)))
        }
        #expect(error.code == .timedOut)
        let texts = error.collected.map { String(decoding: $0.payload, as: UTF8.self) }
        #expect(texts == ["a", "b"])
    }

    @Test("next survives timeouts and never loses a message that races with one")
    func nextAfterTimeouts() async throws {
        let (runner, client) = try Self.connectedPair()
        defer {
            client.close()
            runner.shutdown(linger: .zero)
        }
        #expect(await client.next(timeout: TimeBound.quiet(for: .milliseconds(20))) == nil)

        let count = 500
        for index in 0..<count {
            runner.send(WireMessage(.stdout, text: String(index)))
        }
        var received: [String] = []
        let deadline = ContinuousClock.now + TimeBound.hang(after: .seconds(30))
        while received.count < count && ContinuousClock.now < deadline {
            // Tiny timeouts make expiry and arrival collide often.
            if let message = await client.next(timeout: .microseconds(Int.random(in: 0...200))) {
                received.append(String(decoding: message.payload, as: UTF8.self))
            }
        }
        #expect(received == (0..<count).map(String.init))
    }

    @Test("a closed client reports closure instead of waiting")
    func closed() async throws {
        let (runner, client) = try Self.connectedPair()
        defer { runner.shutdown(linger: .zero) }
        client.close()

        #expect(await client.next(timeout: TimeBound.hang(after: .seconds(20))) == nil)
        let error = try await #require(throws: AgentClientError.self) {
            try await client.collect(until: [.finished], timeout: TimeBound.hang(after: .seconds(20)))
        }
        #expect(error.code == .closed)
    }
}
