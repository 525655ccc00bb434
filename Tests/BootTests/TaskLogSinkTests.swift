import Foundation
import KernelProtocol
import KernelRunner
import Logging
import Synchronization
import TestSupport
import Testing

@Suite("Per-task log")
struct TaskLogSinkTests {
    private final class RecordingSink: MessageSink {
        private let messages = Mutex<[OutboundMessage]>([])
        var all: [OutboundMessage] { messages.withLock { $0 } }
        func send(_ message: OutboundMessage) { messages.withLock { $0.append(message) } }
        func sendBlocking(_ message: OutboundMessage) { send(message) }
    }

    private let kernelID = "0123ABCD-4567-89ab-cdef-0123456789ab"

    @Test func pathFollowsTheKernelIdOnlyWhenTheLogsFolderExists() throws {
        let work = try TemporaryDirectory.make(prefix: "kr-tasklog-")
        #expect(TaskLogSink.path(workingDirectory: work, kernelID: kernelID) == nil)
        try FileManager.default.createDirectory(atPath: work + "/.logs", withIntermediateDirectories: true)
        #expect(TaskLogSink.path(workingDirectory: work, kernelID: kernelID) == work + "/.logs/task/01/23/abcd456789abcdef0123456789ab.log")
        #expect(TaskLogSink.path(workingDirectory: work, kernelID: nil) == nil)
        #expect(TaskLogSink.path(workingDirectory: work, kernelID: "../../etc") == nil)
        #expect(TaskLogSink.path(workingDirectory: work, kernelID: "kernel_42") == work + "/.logs/task/ke/rn/el_42.log")
    }

    @Test func teesRunOutputIntoTheLogAndForwardsEverything() throws {
        let work = try TemporaryDirectory.make(prefix: "kr-tasklog-")
        try FileManager.default.createDirectory(atPath: work + "/.logs", withIntermediateDirectories: true)
        let inner = RecordingSink()
        let sink = TaskLogSink.wrap(inner, workingDirectory: work, kernelID: kernelID, logger: Logger(label: "test.tasklog"))
        #expect(sink is TaskLogSink)
        let messages: [OutboundMessage] = [.stdout(Array("out\n".utf8)), .stderr(Array("err\n".utf8)), .finished(RunResult(exitCode: 0))]
        sink.sendBlocking(messages[0])
        sink.send(messages[1])
        sink.send(messages[2])
        #expect(inner.all == messages)
        let path = try #require(TaskLogSink.path(workingDirectory: work, kernelID: kernelID))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "out\nerr\n")
    }

    @Test func withoutALogsFolderTheSinkIsUnchanged() throws {
        let work = try TemporaryDirectory.make(prefix: "kr-tasklog-")
        let sink = TaskLogSink.wrap(RecordingSink(), workingDirectory: work, kernelID: kernelID, logger: Logger(label: "test.tasklog"))
        #expect(!(sink is TaskLogSink))
    }
}
