import Foundation
import KernelProtocol
import Testing

/// Real runs interleaved with a flood of malformed messages (wrong frame counts, unknown and
/// unprintable ops, payloads that are not UTF-8 or not JSON, two 64 MiB payloads): every run
/// still gets exactly its own output and one terminal frame, and nothing answers the garbage.
@Suite("Stress: garbage among real runs", .timeLimit(.minutes(20)))
struct MixedTrafficStressTests {
    @Test func garbageNeverDisturbsRealRuns() async throws {
        let messageCount = StressScale.pick(short: 1_000, full: 10_000)
        let runEvery = 20
        var random = SeededGenerator()
        let daemon = try await DaemonHarness.start(language: "c")
        defer { Task { await daemon.stop() } }
        let garbage = try RawPusher(port: daemon.inputPort)
        defer { try? garbage.close() }

        var runs: [Int] = []
        var statusRequests = 0
        for index in 0..<messageCount {
            switch index % runEvery {
            case 0:
                daemon.client.send("exec", text: "printf 'run-%d\\n' \(index); printf 'err-%d\\n' \(index) >&2")
                runs.append(index)
            case 10:
                daemon.client.send("status")
                statusRequests += 1
            default:
                try await garbage.send(GarbageMessages.random(using: &random))
            }
            if index == messageCount / 2 {
                try await garbage.send([Array("no-such-op".utf8), [UInt8](repeating: UInt8(ascii: "a"), count: 64 << 20)])
                try await garbage.send([Array("exec".utf8), GarbageMessages.hugeNotUTF8(count: 64 << 20)])
            }
        }

        var statusReplies = 0
        for index in runs {
            let messages = try await daemon.client.collect(until: ["finished"], timeout: .seconds(120))
            let run = RunOutput(messages: messages.filter { $0.opName != "status" })
            statusReplies += messages.count - run.messages.count
            #expect(run.stdout == "run-\(index)\n", "seed \(random.seed)")
            #expect(run.stderr == "err-\(index)\n", "seed \(random.seed)")
            #expect(Set(run.ops) == ["stdout", "stderr", "finished"], "seed \(random.seed)")
            #expect(run.exitCode == 0)
        }
        // The last status requests may still be on their way after the last run.
        while statusReplies < statusRequests, let reply = await daemon.client.next(timeout: .seconds(10)) {
            #expect(reply.opName == "status", "nothing but status replies is left; seed \(random.seed)")
            statusReplies += 1
        }
        #expect(statusReplies == statusRequests)
        #expect(await daemon.client.next(timeout: .milliseconds(500)) == nil, "nothing answers the garbage; seed \(random.seed)")
        #expect(daemon.isRunning)
    }
}
