import Foundation
import KernelProtocol
import Testing

@Suite("Task queue rules", .timeLimit(.minutes(2)))
struct QueueRulesTests {
    @Test func emptyStepsStillSendTheirTerminalFrames() async throws {
        let daemon = try await DaemonHarness.start(language: "c")
        defer { Task { await daemon.stop() } }
        let results = try await daemon.batch()
        #expect(results.map(\.ops) == [["clean-finished"], ["build-finished"], ["finished"]])
        #expect(results.map(\.messages.last?.payload) == Array(repeating: Array(#"{"exitCode": 0}"#.utf8), count: 3))
    }

    @Test func queuedRunsExecuteInArrivalOrder() async throws {
        let daemon = try await DaemonHarness.start(language: "c")
        defer { Task { await daemon.stop() } }
        // The first run is the slowest: a concurrent queue would finish it last.
        daemon.client.send("exec", text: "sleep 0.3; echo first")
        daemon.client.send("exec", text: "sleep 0.1; echo second")
        daemon.client.send("exec", text: "echo third")
        var outputs: [String] = []
        for _ in 0..<3 {
            outputs.append(try await daemon.collect(until: "finished").stdout)
        }
        #expect(outputs == ["first\n", "second\n", "third\n"])
    }

    @Test func failedBuildSkipsTheNextExecOnly() async throws {
        let daemon = try await DaemonHarness.start(language: "c")
        defer { Task { await daemon.stop() } }
        let marker = daemon.workDirectory + "/ran"
        let results = try await daemon.batch(build: "echo building; exit 2", exec: "touch \(marker)")
        #expect(results[1].exitCode == 2)
        #expect(results[1].stdout == "building\n")
        #expect(results[2].ops == ["finished"])
        #expect(results[2].exitCode == 127)
        #expect(!FileManager.default.fileExists(atPath: marker), "the exec command must not run")

        let next = try await daemon.batch(exec: "echo again")
        #expect(next[2].stdout == "again\n", "the flag is consumed by one exec")
    }

    @Test func interruptStopsTheWholeProcessGroupQuickly() async throws {
        let daemon = try await DaemonHarness.start(language: "c")
        defer { Task { await daemon.stop() } }
        daemon.client.send("exec", text: "echo started; sleep 100")
        let first = try #require(await daemon.client.next(timeout: .seconds(10)))
        #expect(first.opName == "stdout")
        // Let the shell fork `sleep`: a SIGINT that lands between the two is only pending in
        // dash, and the escalation's SIGTERM ends the run instead.
        try await Task.sleep(for: .milliseconds(200))
        let interrupted = ContinuousClock.now
        daemon.client.send("interrupt")
        let run = try await daemon.collect(until: "finished", timeout: .seconds(10))
        #expect(ContinuousClock.now - interrupted < .seconds(1))
        #expect(run.exitCode == -Int(SIGINT) || run.exitCode == -Int(SIGTERM))
        #expect(run.result["reason"] as? String == "interrupted")
        let next = try await daemon.query("int main(void){return 0;}")
        #expect(next.terminal == "finished", "the daemon keeps serving after an interrupt")
    }

    @Test func interruptWithNothingRunningDoesNotAffectTheNextRun() async throws {
        let daemon = try await DaemonHarness.start(language: "c")
        defer { Task { await daemon.stop() } }
        daemon.client.send("interrupt")
        let results = try await daemon.batch(exec: "sleep 0.2; echo fine")
        #expect(results[2].stdout == "fine\n")
        #expect(results[2].exitCode == 0)
    }

    @Test func leftoverBackgroundProcessesDoNotDelayTheRun() async throws {
        let daemon = try await DaemonHarness.start(language: "c")
        defer { Task { await daemon.stop() } }
        let started = ContinuousClock.now
        let results = try await daemon.batch(exec: "sleep 100 & echo spawned")
        #expect(results[2].stdout == "spawned\n")
        #expect(ContinuousClock.now - started < .seconds(5))
    }
}
