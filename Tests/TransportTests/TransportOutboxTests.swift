import KernelProtocol
import KernelTransport
import Synchronization
import TestSupport
import Testing

@Suite("Transport outbox", .timeLimit(.minutes(1)))
struct TransportOutboxTests {
    @Test("messages sent before any peer connects are kept and delivered in order")
    func sendBeforePeer() async throws {
        let transport = try makeRunnerTransport()
        defer { transport.shutdown(linger: .zero) }
        let ops: [Op] = [.stdout, .stderr, .finished]

        for op in ops { transport.send(WireMessage(op, text: "early")) }
        // No peer: the flush cannot finish, whatever the wait.
        #expect(await transport.flush(timeout: TimeBound.quiet(for: .milliseconds(50))) == false)
        #expect(transport.pendingOutboxBytes == ops.map { $0.rawValue.utf8.count + 5 }.reduce(0, +))

        let agent = try transport.connectRawAgent()
        for op in ops {
            #expect(try await agent.receive() == [Array(op.rawValue.utf8), Array("early".utf8)])
        }
        #expect(await transport.flush(timeout: TimeBound.hang(after: .seconds(20))))
        #expect(transport.pendingOutboxBytes == 0)
    }

    enum Peer: String, CaseIterable, Sendable {
        case absent
        case connectedButNotReading
    }

    @Test("sendBlocking blocks its thread above the byte limit until the peer reads", arguments: Peer.allCases)
    func backPressure(peer: Peer) async throws {
        let limit = 1 << 20
        let messageCount = 64
        let chunk = [UInt8](repeating: 7, count: 512 << 10)
        let transport = try makeRunnerTransport {
            $0.outboxByteLimit = limit
            $0.sendHighWaterMark = 1
        }
        defer { transport.shutdown(linger: .zero) }
        var agent = peer == .absent ? nil : try transport.connectRawAgent(receiveHighWaterMark: 1)

        let returned = Mutex(0)
        let producer = runOnOSThread {
            for index in 0..<messageCount {
                transport.sendBlocking(WireMessage(op: Array("chunk\(index)".utf8), payload: chunk))
                returned.withLock { $0 += 1 }
            }
        }

        // The outbox only grows past the limit once libzmq stops taking messages; the producer
        // then sits in the sendBlocking call that crossed it.
        #expect(await eventually { transport.pendingOutboxBytes > limit })
        #expect(returned.withLock { $0 } < messageCount)

        if agent == nil {
            agent = try transport.connectRawAgent()
        }
        for index in 0..<messageCount {
            let frames = try #require(try await agent?.receive())
            #expect(frames == [Array("chunk\(index)".utf8), chunk])
        }
        await producer.value
        #expect(returned.withLock { $0 } == messageCount)
    }
}
