import Foundation
import KernelProtocol
import TestSupport
import Testing

@Suite("Task queue rules", .timeLimit(.minutes(2)))
struct QueueRulesTests {
    @Test func emptyStepsStillSendTheirTerminalFrames() async throws {
        try await withDaemon(language: "c") { daemon in
            let results = try await daemon.batch()
            #expect(results.map(\.ops) == [[.cleanFinished], [.buildFinished], [.finished]])
            #expect(results.map(\.messages.last?.payload) == Array(repeating: Array(#"{"exitCode": 0}"#.utf8), count: 3))
        }
    }

    @Test func queuedRunsExecuteInArrivalOrder() async throws {
        try await withDaemon(language: "c") { daemon in
            // The first run is the slowest: a concurrent queue would finish it last.
            try daemon.client.send(.exec("sleep 0.3; echo first"))
            try daemon.client.send(.exec("sleep 0.1; echo second"))
            try daemon.client.send(.exec("echo third"))
            var outputs: [String] = []
            for _ in 0..<3 {
                outputs.append(try await daemon.collect(until: .finished).stdout)
            }
            #expect(outputs == ["first\n", "second\n", "third\n"])
        }
    }

    @Test func failedBuildSkipsTheNextExecOnly() async throws {
        try await withDaemon(language: "c") { daemon in
            let marker = daemon.workDirectory + "/ran"
            let results = try await daemon.batch(build: "echo building; exit 2", exec: "touch \(marker)")
            #expect(results[1].exitCode == 2)
            #expect(results[1].stdout == "building\n")
            #expect(results[2].ops == [.finished])
            #expect(results[2].exitCode == 127)
            #expect(!FileManager.default.fileExists(atPath: marker), "the exec command must not run")

            let next = try await daemon.batch(exec: "echo again")
            #expect(next[2].stdout == "again\n", "the flag is consumed by one exec")
        }
    }

    @Test func interruptStopsTheWholeProcessGroupQuickly() async throws {
        try await withDaemon(language: "c") { daemon in
            try daemon.client.send(.exec("echo started; sleep 100"))
            let first = try #require(await daemon.client.next(timeout: TimeBound.hang(after: .seconds(10))))
            #expect(first.kind == .stdout)
            // Once the shell forked `sleep`: a SIGINT that lands between the two is only pending
            // in dash, and the escalation's SIGTERM ends the run instead.
            #expect(await eventually { ProcessTable.descendants(of: daemon.pid).contains { $0.command == "sleep" } })
            let interrupted = ContinuousClock.now
            try daemon.client.send(.interrupt)
            let run = try await daemon.collect(until: .finished, timeout: TimeBound.hang(after: .seconds(10)))
            #expect(ContinuousClock.now - interrupted < TimeBound.interrupt)
            #expect(run.exitCode == -Int(SIGINT) || run.exitCode == -Int(SIGTERM))
            #expect(run.result?.reason == .interrupted)
            let next = try await daemon.query("int main(void){return 0;}")
            #expect(next.terminal == .finished, "the daemon keeps serving after an interrupt")
        }
    }

    @Test func interruptWithNothingRunningDoesNotAffectTheNextRun() async throws {
        try await withDaemon(language: "c") { daemon in
            try daemon.client.send(.interrupt)
            let results = try await daemon.batch(exec: "sleep 0.2; echo fine")
            #expect(results[2].stdout == "fine\n")
            #expect(results[2].exitCode == 0)
        }
    }

    @Test func leftoverBackgroundProcessesDoNotDelayTheRun() async throws {
        try await withDaemon(language: "c") { daemon in
            let started = ContinuousClock.now
            let results = try await daemon.batch(exec: "sleep 100 & echo spawned")
            #expect(results[2].stdout == "spawned\n")
            #expect(ContinuousClock.now - started < TimeBound.backgroundLeftover)
        }
    }
}
