import Foundation
import KernelProtocol
import MessagePack
import Testing
import ZeroMQ

@Suite("Wire robustness", .timeLimit(.minutes(2)))
struct WireRobustnessTests {
    @Test func statusRepliesWithMessagePackStartedAt() async throws {
        let daemon = try await DaemonHarness.start(language: "c")
        defer { Task { await daemon.stop() } }
        daemon.client.send("status")
        let reply = try #require(await daemon.client.next(timeout: .seconds(10)))
        #expect(reply.opName == "status")
        guard case .map(let entries) = try MessagePackValue.decode(reply.payload),
              case .double(let startedAt)? = entries.first(where: { $0.key == .string("started_at") })?.value
        else {
            Issue.record("status payload is not {started_at: float}: \(reply.payload)")
            return
        }
        #expect(startedAt > 0)
    }

    @Test func statusIsAnsweredWhileARunIsBusy() async throws {
        let daemon = try await DaemonHarness.start(language: "c")
        defer { Task { await daemon.stop() } }
        daemon.client.send("exec", text: "sleep 2")
        daemon.client.send("status")
        let reply = try #require(await daemon.client.next(timeout: .seconds(1)))
        #expect(reply.opName == "status")
        daemon.client.send("interrupt")
        _ = try await daemon.collect(until: "finished")
    }

    @Test(arguments: [[[UInt8]]]([
        [Array("status".utf8)],
        [Array("exec".utf8), Array("echo no".utf8), Array("extra".utf8)],
        [Array("launch-missiles".utf8), []],
        [Array("code".utf8), [0xFF, 0xFE]],
        [Array("complete".utf8), Array("{not json".utf8)],
    ]))
    func malformedMessagesAreIgnoredAndTheDaemonStillAnswers(frames: [[UInt8]]) async throws {
        let daemon = try await DaemonHarness.start(language: "c")
        defer { Task { await daemon.stop() } }
        let context = try ZMQContext()
        let socket = try ZMQSocket(context: context, type: .push)
        try socket.connect("tcp://127.0.0.1:\(daemon.inputPort)")
        _ = try socket.send(frames)
        _ = try socket.send([Array("exec".utf8), Array("echo alive".utf8)])
        let run = try await daemon.collect(until: "finished", timeout: .seconds(10))
        #expect(run.stdout == "alive\n")
        #expect(run.ops == ["stdout", "finished"], "nothing answers the malformed message")
        try socket.close()
        try context.terminate()
        #expect(daemon.isRunning)
    }

    @Test func multiByteCharactersSplitAcrossWritesReassembleExactly() async throws {
        let daemon = try await DaemonHarness.start(language: "c")
        defer { Task { await daemon.stop() } }
        // 3-byte characters emitted one byte per write, interleaved with pauses, many times.
        let script = #"i=0; while [ $i -lt 2000 ]; do printf '\342'; printf '\202'; printf '\254'; i=$((i+1)); done"#
        let results = try await daemon.batch(exec: script)
        let run = results[2]
        #expect(run.stdoutBytes == Array(String(repeating: "€", count: 2000).utf8))
        for frame in run.messages where frame.opName == "stdout" {
            #expect(String(validating: frame.payload, as: UTF8.self) != nil, "a frame splits a character")
        }
    }

    @Test func oneMebibyteOfOutputArrivesCompleteAndInOrder() async throws {
        let daemon = try await DaemonHarness.start(language: "c")
        defer { Task { await daemon.stop() } }
        // 16384 numbered lines of 64 bytes.
        let results = try await daemon.batch(exec: #"seq -f '%063g' 1 16384"#)
        let lines = results[2].stdout.split(separator: "\n")
        #expect(results[2].stdoutBytes.count == 1 << 20)
        #expect(lines.count == 16384)
        #expect(lines.enumerated().allSatisfy { Int($1) == $0 + 1 })
    }

    @Test func completionAnswersWithSuggestions() async throws {
        let daemon = try await DaemonHarness.start(language: "python")
        defer { Task { await daemon.stop() } }
        daemon.client.send("complete", text: #"{"code": "pri"}"#)
        let reply = try #require(await daemon.client.next(timeout: .seconds(5)))
        #expect(reply.opName == "completion")
        let object = try JSONSerialization.jsonObject(with: Data(reply.payload)) as? [String: [String]]
        #expect(object?["suggestions"]?.contains("print") == true)
    }

    @Test func inputWithNoRunIsDiscardedNotLeakedIntoLaterRuns() async throws {
        let daemon = try await DaemonHarness.start(language: "c")
        defer { Task { await daemon.stop() } }
        daemon.client.send("input", text: "stale")
        daemon.client.send("exec", text: "read line; echo \"got $line\"")
        let request = try #require(await daemon.client.next(timeout: .seconds(10)))
        #expect(request == WireMessage("waiting-input", text: #"{"is_password": false}"#))
        daemon.client.send("input", text: "fresh")
        let rest = try await daemon.collect(until: "finished")
        #expect(rest.stdout == "got fresh\n")
    }
}
