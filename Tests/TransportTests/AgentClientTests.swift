import KernelClient
import KernelProtocol
import KernelTransport
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

        client.send("code", text: "print(1)")
        #expect(await inbound.next() == WireMessage("code", text: "print(1)"))
        for op in ["stdout", "stderr", "finished", "stdout"] {
            runner.send(WireMessage(op, text: op))
        }

        let collected = try await client.collect(until: ["finished", "build-finished"], timeout: .seconds(20))
        #expect(collected.map(\.opName) == ["stdout", "stderr", "finished"])
        #expect(await client.next(timeout: .seconds(20)) == WireMessage("stdout", text: "stdout"))
    }

    @Test("collect times out with what it received so far")
    func collectTimeout() async throws {
        let (runner, client) = try Self.connectedPair()
        defer {
            client.close()
            runner.shutdown(linger: .zero)
        }
        runner.send(WireMessage("stdout", text: "a"))
        runner.send(WireMessage("stdout", text: "b"))

        let error = try await #require(throws: AgentClientError.self) {
            try await client.collect(until: ["finished"], timeout: .seconds(1))
        }
        #expect(error.code == .timedOut)
        let texts = error.collected.map { String(decoding: $0.payload, as: UTF8.self) }
        #expect(["a", "b"].starts(with: texts))
    }

    @Test("next survives timeouts and never loses a message that races with one")
    func nextAfterTimeouts() async throws {
        let (runner, client) = try Self.connectedPair()
        defer {
            client.close()
            runner.shutdown(linger: .zero)
        }
        #expect(await client.next(timeout: .milliseconds(20)) == nil)

        let count = 500
        for index in 0..<count {
            runner.send(WireMessage("stdout", text: String(index)))
        }
        var received: [String] = []
        let deadline = ContinuousClock.now + .seconds(30)
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

        #expect(await client.next(timeout: .seconds(20)) == nil)
        let error = try await #require(throws: AgentClientError.self) {
            try await client.collect(until: ["finished"], timeout: .seconds(20))
        }
        #expect(error.code == .closed)
    }
}
