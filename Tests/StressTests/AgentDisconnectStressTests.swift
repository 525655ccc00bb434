import Foundation
import KernelClient
import KernelProtocol
import TestSupport
import Testing

/// The agent goes away in the middle of a run and a new one connects, as after an agent
/// restart: the run goes on, the daemon never deadlocks, interrupt and shutdown still work while
/// nobody reads, and the new agent receives the rest of the run exactly once.
///
/// A PUSH socket cannot know what a vanishing peer had received: frames already handed to the
/// old connection when it drops are lost with it (ZeroMQ's guarantee, not the daemon's). Frames
/// produced while no agent is connected wait in the daemon for the next one.
@Suite("Stress: agent disconnects", .timeLimit(.minutes(10)))
struct AgentDisconnectStressTests {
    @Test func outputProducedWhileNoAgentIsConnectedReachesTheNextAgentExactlyOnce() async throws {
        // More than the outbox holds (8 MiB) in the full variant: the child waits for the agent.
        let lines = StressScale.pick(short: 20_000, full: 2_000_000)
        try await withDaemon(language: "c") { daemon in
            // The run waits for a file the test creates once the daemon has dropped the first agent.
            let go = daemon.workDirectory + "/go"
            try daemon.client.send(.exec("echo before; while [ ! -e go ]; do sleep 0.01; done; seq 1 \(lines); echo after"))
            let first = try await daemon.next(.stdout, timeout: TimeBound.hang(after: .seconds(30))).message
            #expect(first.payload == Array("before\n".utf8))
            daemon.client.close()
            #expect(
                await eventually(within: TimeBound.hang(after: .seconds(30))) {
                    !LoopbackConnections.isConnected(localPort: daemon.outputPort)
                })
            #expect(FileManager.default.createFile(atPath: go, contents: nil))

            let agent = try AgentClient(host: "127.0.0.1", inputPort: daemon.inputPort, outputPort: daemon.outputPort)
            defer { agent.close() }
            let run = RunOutput(messages: try await agent.collect(until: [.finished], timeout: TimeBound.hang(after: .seconds(300))))
            var verifier = CounterLineVerifier(width: nil)
            verifier.consume(run.stdoutBytes.dropLast("after\n".utf8.count))
            #expect(verifier.problem == nil)
            #expect(verifier.linesVerified == lines)
            #expect(run.stdoutBytes.suffix(6) == Array("after\n".utf8))
            #expect(run.ops.filter { $0 == .finished }.count == 1)
            #expect(run.exitCode == 0)
            #expect(await agent.next(timeout: TimeBound.quiet(for: .milliseconds(500))) == nil, "nothing is sent twice")
        }
    }

    @Test func reconnectingAgentsSeeEveryFrameAtMostOnceAndInOrder() async throws {
        let reconnections = StressScale.pick(short: 3, full: 20)
        var random = SeededGenerator()
        try await withDaemon(language: "c") { daemon in
            // One numbered line every few milliseconds, for longer than all the reconnections take.
            try daemon.client.send(.exec("i=0; while [ $i -lt \(reconnections * 400) ]; do i=$((i+1)); echo $i; sleep 0.005; done"))

            var received: [UInt8] = []
            var finished: [WireMessage] = []
            func take(_ message: WireMessage) {
                switch message.kind {
                case .stdout?: received += message.payload
                case .finished?: finished.append(message)
                default: Issue.record("unexpected \(message.opName)")
                }
            }
            var agent = daemon.client
            for _ in 0..<reconnections {
                // Read for a random while, then drop the agent without warning and connect another;
                // what the old one had received by then still counts.
                let until = ContinuousClock.now + .milliseconds(Int.random(in: 50...600, using: &random))
                while ContinuousClock.now < until, let message = await agent.next(timeout: until - .now) {
                    take(message)
                }
                agent.close()
                while let buffered = await agent.next(timeout: .zero) {
                    take(buffered)
                }
                agent = try AgentClient(host: "127.0.0.1", inputPort: daemon.inputPort, outputPort: daemon.outputPort)
            }
            if finished.isEmpty {
                try await agent.collect(until: [.finished], timeout: TimeBound.hang(after: .seconds(120))).forEach(take)
            }
            agent.close()

            #expect(finished.count == 1, "seed \(random.seed)")
            let numbers = String(decoding: received, as: UTF8.self).split(separator: "\n").compactMap { Int($0) }
            #expect(zip(numbers, numbers.dropFirst()).allSatisfy { $0 < $1 }, "a frame arrived twice or out of order; seed \(random.seed)")
            #expect(numbers.last == reconnections * 400, "the run's last line reached the last agent; seed \(random.seed)")
        }
    }

    @Test func interruptAndShutdownWorkWhileNoAgentReads() async throws {
        try await StressDaemon.with { stress in
            let daemon = stress.harness
            // Floods until the outbox is full and the child blocks on its terminal.
            try daemon.client.send(.exec("echo started; while :; do echo flood flood flood flood flood flood flood; done"))
            _ = try await daemon.next(.stdout, timeout: TimeBound.hang(after: .seconds(30)))
            daemon.client.close()
            let interrupter = try RawPusher(port: daemon.inputPort)
            defer { try? interrupter.close() }
            #expect(await stress.runsStopWriting(), "the flood was never held back")
            let interrupt = try InboundMessage.interrupt.wireMessage
            try await interrupter.send([interrupt.op, interrupt.payload])
            await stress.expectNothingLeft()

            // A new agent gets the backlog and the one terminal frame.
            let agent = try AgentClient(host: "127.0.0.1", inputPort: daemon.inputPort, outputPort: daemon.outputPort)
            let run = RunOutput(messages: try await agent.collect(until: [.finished], timeout: TimeBound.hang(after: .seconds(120))))
            #expect(run.exitCode.map { $0 < 0 || $0 > 128 } == true, "ended by the interrupt: \(run.result)")
            agent.close()

            // Again, and this time stop the daemon while nobody reads.
            let next = try AgentClient(host: "127.0.0.1", inputPort: daemon.inputPort, outputPort: daemon.outputPort)
            try next.send(.exec("echo started; while :; do echo flood flood flood flood flood flood flood; done"))
            _ = try await next.collect(until: [.stdout], timeout: TimeBound.hang(after: .seconds(30)))
            next.close()
            #expect(await stress.runsStopWriting(), "the flood was never held back")
            let stop = await daemon.stop()
            #expect(stop.status != nil && stop.elapsed <= TimeBound.shutdown, "SIGTERM took \(stop.elapsed)")
            await stress.expectNothingLeft()
        }
    }
}
