import Foundation
import TestSupport
import Testing

@Suite("Per-run limits", .timeLimit(.minutes(2)))
struct RunLimitTests {
    @Test func cpuBoundLoopIsStoppedByTheCPULimit() async throws {
        try await withDaemon(language: "c", arguments: ["--limit-cpu", "1"]) { daemon in
            let results = try await daemon.batch(exec: "while :; do :; done")
            #expect(results[2].exitCode == -Int(SIGXCPU))
            #expect(results[2].result?.reason == .cpu)
            // rusage is tick-based: a little under the limit can be reported.
            #expect((results[2].result?.cpuTime ?? 0) >= 0.5)
        }
    }

    @Test func wallTimeLimitEndsTheWholeGroup() async throws {
        try await withDaemon(language: "c", arguments: ["--limit-wall-time", "0.5"]) { daemon in
            let results = try await daemon.batch(exec: "sleep 100 & sleep 100")
            #expect(results[2].exitCode == -Int(SIGKILL))
            #expect(results[2].result?.reason == .timeout)
            let next = try await daemon.batch(exec: "echo next")
            #expect(next[2].stdout == "next\n", "the limit applies per task")
        }
    }

    @Test func outputBeyondTheCapIsDroppedWithOneNotice() async throws {
        try await withDaemon(language: "c", arguments: ["--limit-output", "1M"]) { daemon in
            let results = try await daemon.batch(exec: "head -c 1073741824 /dev/zero")
            let run = results[2]
            #expect(run.stdoutBytes.count == 1 << 20)
            #expect(run.stderr.contains("output limit of 1048576 bytes reached"))
            #expect(run.result?.reason == .outputLimit)
            #expect(try residentKiB(of: daemon.pid) < 200 * 1024, "the daemon buffers nothing beyond the cap")
        }
    }

    @Test func openFilesLimitIsVisibleToThePrograms() async throws {
        try await withDaemon(language: "c", arguments: ["--limit-open-files", "64"]) { daemon in
            let results = try await daemon.batch(exec: "ulimit -n")
            #expect(results[2].stdout == "64\n")
        }
    }

    private func residentKiB(of pid: pid_t) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? .max
    }
}

/// What only the runs' pids control groups hold: a fork bomb run as root (RLIMIT_NPROC does not
/// bind root) and a process that left the run's process group with `setsid`. Both tests run
/// where the daemon can create such groups, which CI (root) always can: there a missing one
/// fails them instead of skipping.
@Suite(
    "Process containment",
    .enabled(if: ControlGroups.canBeCreated(.pids), "the daemon cannot create pids control groups here"),
    .timeLimit(.minutes(2))
)
struct ProcessContainmentTests {
    static let processLimit = 32

    @Test func forkBombIsContainedAndTheDaemonKeepsAnswering() async throws {
        try await withDaemon(language: "c", arguments: ["--limit-processes", "\(Self.processLimit)"]) { daemon in
            // The run's own shell forks nothing once the bomb goes off (`wait` is a builtin), so the
            // run lasts until the interrupt, however soon the bomb fills the cap.
            try daemon.client.send(.exec("sleep 100 & bomb() { bomb | bomb & }; bomb; wait"))
            // The bomb has hit the cap once its group refused it a fork; the group holds the
            // counters (it goes with the run).
            var counters: (limit: String, peak: Int, refusedForks: Int)?
            let capped = await eventually(within: TimeBound.hang(after: .seconds(20))) {
                counters = ControlGroups.runGroups(ofDaemon: daemon.pid, .pids).lazy.compactMap(ControlGroups.processCounters).first
                return (counters?.refusedForks ?? 0) > 0
            }
            #expect(capped, "the run's pids group never refused a fork: \(String(describing: counters))")
            #expect(counters?.limit == "\(Self.processLimit)")
            let peak = try #require(counters?.peak)
            #expect(peak <= Self.processLimit, "\(peak) processes were alive at once")
            try daemon.client.send(.status)
            _ = try await daemon.next(.status)
            try daemon.client.send(.interrupt)
            let run = try await daemon.collect(until: .finished, timeout: TimeBound.hang(after: .seconds(20)))
            #expect(try #require(run.exitCode) < 0)
            let next = try await daemon.batch(exec: "echo after")
            #expect(next[2].stdout == "after\n")
        }
    }

    /// After another run, the run takes over that run's emptied group.
    @Test(arguments: [false, true])
    func processesThatLeaveTheGroupAreKilledWithTheRun(afterAnotherRun: Bool) async throws {
        let token = "kr-escapee-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try await withDaemon(language: "c") { daemon in
            if afterAnotherRun {
                #expect(try await daemon.batch(exec: "true")[2].exitCode == 0)
            }
            // The run ends only once the escapee has left its session (it carries the token in
            // its environment, which survives the exec).
            let results = try await daemon.batch(
                exec: """
                    setsid env KR_ESCAPEE=\(token) sh -c 'touch escaped; exec sleep 100' </dev/null >/dev/null 2>&1 &
                    while [ ! -e escaped ]; do sleep 0.01; done; echo done
                    """)
            #expect(results[2].stdout == "done\n")
            #expect(FileManager.default.fileExists(atPath: daemon.workDirectory + "/escaped"), "the escapee never started")
            // Killed before the run's terminal frame is sent.
            #expect(ProcessTable.carrying(token).isEmpty, "escaped: \(ProcessTable.carrying(token))")
        }
    }
}
