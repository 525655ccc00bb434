import Foundation
import KernelProtocol
import TestSupport
import Testing

/// Real runs interleaved with a flood of malformed messages (wrong frame counts, unknown and
/// unprintable ops, payloads that are not UTF-8 or not JSON, two 64 MiB payloads): every run
/// still gets exactly its own output and one terminal frame, and nothing answers the garbage
/// but the failure replies to requests the agent would wait for.
@Suite("Stress: garbage among real runs", .timeLimit(.minutes(20)))
struct MixedTrafficStressTests {
    /// What answers garbage that names a request the agent waits for (`complete`, `get-apps`,
    /// `start-service`, `start-model-service`): an empty or failed reply.
    static let failureReplies: Set<Op> = [.completion, .appsResult, .serviceResult, .modelServiceResult]

    static func isFailureReply(_ message: WireMessage) -> Bool {
        message.kind.map(failureReplies.contains) ?? false
    }

    @Test func garbageNeverDisturbsRealRuns() async throws {
        let messageCount = StressScale.pick(short: 1_000, full: 10_000)
        let runEvery = 20
        var random = SeededGenerator()
        try await withDaemon(language: "c") { daemon in
            let garbage = try RawPusher(port: daemon.inputPort)
            defer { try? garbage.close() }

            var runs: [Int] = []
            var statusRequests = 0
            for index in 0..<messageCount {
                switch index % runEvery {
                case 0:
                    try daemon.client.send(.exec("printf 'run-%d\\n' \(index); printf 'err-%d\\n' \(index) >&2"))
                    runs.append(index)
                case 10:
                    try daemon.client.send(.status)
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
                let messages = try await daemon.client.collect(until: [.finished], timeout: TimeBound.hang(after: .seconds(120)))
                    .filter { !Self.isFailureReply($0) }
                let run = RunOutput(messages: messages.filter { $0.kind != .status })
                statusReplies += messages.count - run.messages.count
                #expect(run.stdout == "run-\(index)\n", "seed \(random.seed)")
                #expect(run.stderr == "err-\(index)\n", "seed \(random.seed)")
                #expect(Set(run.ops) == [.stdout, .stderr, .finished], "seed \(random.seed)")
                #expect(run.exitCode == 0)
            }
            // The last status requests may still be on their way after the last run.
            while statusReplies < statusRequests, let reply = await daemon.client.next(timeout: TimeBound.hang(after: .seconds(10))) {
                guard !Self.isFailureReply(reply) else { continue }
                #expect(reply.kind == .status, "nothing but status replies is left; seed \(random.seed)")
                statusReplies += 1
            }
            #expect(statusReplies == statusRequests)
            while let reply = await daemon.client.next(timeout: TimeBound.quiet(for: .milliseconds(500))) {
                #expect(Self.isFailureReply(reply), "nothing else answers the garbage; seed \(random.seed)")
            }
            #expect(daemon.isRunning)
        }
    }
}
