import KernelProtocol
import KernelTransport
import TestSupport
import Testing

@Suite("Transport shutdown", .timeLimit(.minutes(1)))
struct TransportShutdownTests {
    @Test("shutdown without a peer returns promptly and releases blocked and suspended senders")
    func shutdownWithoutPeer() async throws {
        let (logger, records) = RecordingLogHandler.makeLogger()
        let transport = try makeRunnerTransport(logger: logger) { $0.outboxByteLimit = 1024 }
        let payload = [UInt8](repeating: 1, count: 4096)

        let blockedThread = runOnOSThread { transport.sendBlocking(WireMessage(.stdout, payload: payload)) }
        let suspendedTask = Task { await transport.sendWaiting(WireMessage(.stderr, payload: payload)) }
        #expect(await eventually { transport.pendingOutboxBytes == 2 * (payload.count + 6) })

        let started = ContinuousClock.now
        transport.shutdown(linger: .milliseconds(200))
        #expect(ContinuousClock.now - started < TimeBound.shutdown)

        await blockedThread.value
        await suspendedTask.value
        for await message in transport.inbound {
            Issue.record("unexpected inbound \(message.opName) after shutdown")
        }
        #expect(records.messages(at: .warning).contains { $0.contains("dropped 2 outgoing messages") })
        #expect(transport.pendingOutboxBytes == 0)
        #expect(await transport.flush(timeout: TimeBound.hang(after: .seconds(1))) == false)
    }

    @Test("shutdown is idempotent and later sends are dropped")
    func idempotent() async throws {
        let transport = try makeRunnerTransport()
        transport.shutdown(linger: .zero)
        transport.shutdown(linger: .seconds(5))

        transport.send(WireMessage(.status))
        transport.sendBlocking(WireMessage(.stdout, payload: [UInt8](repeating: 0, count: 16 << 20)))
        await transport.sendWaiting(WireMessage(.stdout, payload: [UInt8](repeating: 0, count: 16 << 20)))
        #expect(transport.pendingOutboxBytes == 0)
    }

    @Test("shutdown delivers what is queued when a peer is reading")
    func drainsOnShutdown() async throws {
        let transport = try makeRunnerTransport()
        let agent = try transport.connectRawAgent()
        var inbound = transport.inbound.makeAsyncIterator()
        // A round trip proves the agent's connection is up before the final frames are queued.
        try agent.send([Array("status".utf8), []])
        #expect(await inbound.next() == WireMessage(.status))

        for index in 0..<100 {
            transport.send(WireMessage(.stdout, text: String(index)))
        }
        transport.shutdown(linger: TimeBound.hang(after: .seconds(5)))

        for index in 0..<100 {
            #expect(try await agent.receive()?.last == Array(String(index).utf8))
        }
    }
}
