import Foundation
import KernelProtocol
import TestSupport
import Testing
import ZeroMQ

@Suite("Wire robustness", .timeLimit(.minutes(2)))
struct WireRobustnessTests {
    @Test func statusRepliesWithMessagePackStartedAt() async throws {
        try await withDaemon(language: "c") { daemon in
            try daemon.client.send(.status)
            let reply = try #require(await daemon.client.next(timeout: TimeBound.hang(after: .seconds(10))))
            guard case .status(let startedAt) = try OutboundMessage(reply) else {
                Issue.record("not a status reply: \(reply.opName)")
                return
            }
            #expect(startedAt > 0)
        }
    }

    @Test func statusIsAnsweredWhileARunIsBusy() async throws {
        try await withDaemon(language: "c") { daemon in
            // Busy far longer than the bound, however the bounds are stretched.
            try daemon.client.send(.exec("sleep 100"))
            try daemon.client.send(.status)
            let reply = try #require(await daemon.client.next(timeout: TimeBound.busyStatus))
            #expect(reply.kind == .status)
            try daemon.client.send(.interrupt)
            _ = try await daemon.collect(until: .finished)
        }
    }

    @Test(
        arguments: [[[UInt8]]]([
            [Array("status".utf8)],
            [Array("exec".utf8), Array("echo no".utf8), Array("extra".utf8)],
            [Array("launch-missiles".utf8), []],
            [Array("code".utf8), [0xFF, 0xFE]],
            [Array("shutdown-service".utf8), Array("{not json".utf8)],
        ]))
    func malformedMessagesAreIgnoredAndTheDaemonStillAnswers(frames: [[UInt8]]) async throws {
        try await withDaemon(language: "c") { daemon in
            let context = try ZMQContext()
            let socket = try ZMQSocket(context: context, type: .push)
            try socket.connect("tcp://127.0.0.1:\(daemon.inputPort)")
            _ = try socket.send(frames)
            _ = try socket.send([Array("exec".utf8), Array("echo alive".utf8)])
            let run = try await daemon.collect(until: .finished, timeout: TimeBound.hang(after: .seconds(10)))
            #expect(run.stdout == "alive\n")
            #expect(run.ops == [.stdout, .finished], "nothing answers the malformed message")
            try socket.close()
            try context.terminate()
            #expect(daemon.isRunning)
        }
    }

    /// Requests the agent waits for get a reply even when they cannot be decoded: without one
    /// the agent waits 10–35 s for a service and forever for a completion.
    @Test(
        arguments: [
            (Op.complete, [UInt8]("{not json".utf8), Op.completion, #"{"suggestions": []}"#),
            (.complete, [0xFF], .completion, #"{"suggestions": []}"#),
            (.getApps, [0xFF], .appsResult, #"{"status": "done", "data": []}"#),
            (.status, [0xFF], .status, nil),
        ] as [(Op, [UInt8], Op, String?)])
    func undecodableRequestsAreStillAnswered(op: Op, payload: [UInt8], replyOp: Op, replyText: String?) async throws {
        try await withDaemon(language: "c") { daemon in
            daemon.client.send(raw: WireMessage(op, payload: payload))
            let answer = try #require(await daemon.client.next(timeout: TimeBound.hang(after: .seconds(5))), "no reply to \(op)")
            #expect(answer.kind == replyOp)
            if let replyText { #expect(answer == WireMessage(replyOp, text: replyText)) }
        }
    }

    @Test(arguments: [(Op.startService, Op.serviceResult), (.startModelService, .modelServiceResult)])
    func undecodableServiceStartsAnswerFailed(op: Op, replyOp: Op) async throws {
        try await withDaemon(language: "c") { daemon in
            daemon.client.send(raw: WireMessage(op, text: #"{"name": 42}"#))
            let answer = try #require(await daemon.client.next(timeout: TimeBound.hang(after: .seconds(5))), "no reply to \(op)")
            #expect(answer.kind == replyOp)
            switch try OutboundMessage(answer) {
            case .serviceResult(.failed(let error)), .modelServiceResult(.failed(let error)):
                #expect(error.hasPrefix("invalid \(op) request"), "\(error)")
            default:
                Issue.record("not a failure: \(String(decoding: answer.payload, as: UTF8.self))")
            }
        }
    }

    @Test func multiByteCharactersSplitAcrossWritesReassembleExactly() async throws {
        try await withDaemon(language: "c") { daemon in
            // 3-byte characters emitted one byte per write, interleaved with pauses, many times.
            let script = #"i=0; while [ $i -lt 2000 ]; do printf '\342'; printf '\202'; printf '\254'; i=$((i+1)); done"#
            let results = try await daemon.batch(exec: script)
            let run = results[2]
            #expect(run.stdoutBytes == Array(String(repeating: "€", count: 2000).utf8))
            for frame in run.messages where frame.kind == .stdout {
                #expect(String(validating: frame.payload, as: UTF8.self) != nil, "a frame splits a character")
            }
        }
    }

    @Test func oneMebibyteOfOutputArrivesCompleteAndInOrder() async throws {
        try await withDaemon(language: "c") { daemon in
            // 16384 numbered lines of 64 bytes.
            let results = try await daemon.batch(exec: #"seq -f '%063g' 1 16384"#)
            let lines = results[2].stdout.split(separator: "\n")
            #expect(results[2].stdoutBytes.count == 1 << 20)
            #expect(lines.count == 16384)
            #expect(lines.enumerated().allSatisfy { Int($1) == $0 + 1 })
        }
    }

    @Test func completionAnswersWithSuggestions() async throws {
        try await withDaemon(language: "python") { daemon in
            try daemon.client.send(.complete(CompletionRequest(code: "pri")))
            let reply = try #require(await daemon.client.next(timeout: TimeBound.hang(after: .seconds(5))))
            guard case .completion(let suggestions) = try OutboundMessage(reply) else {
                Issue.record("not a completion: \(reply.opName)")
                return
            }
            #expect(suggestions.contains("print"))
        }
    }

    @Test func inputWithNoRunIsDiscardedNotLeakedIntoLaterRuns() async throws {
        try await withDaemon(language: "c") { daemon in
            try daemon.client.send(.input("stale"))
            try daemon.client.send(.exec("read line; echo \"got $line\""))
            let request = try #require(await daemon.client.next(timeout: TimeBound.hang(after: .seconds(10))))
            #expect(request == WireMessage(.waitingInput, text: #"{"is_password": false}"#))
            try daemon.client.send(.input("fresh"))
            let rest = try await daemon.collect(until: .finished)
            #expect(rest.stdout == "got fresh\n")
        }
    }
}
