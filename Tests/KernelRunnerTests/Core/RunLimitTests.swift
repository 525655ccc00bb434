import Foundation
import Testing

@Suite("Per-run limits", .timeLimit(.minutes(2)))
struct RunLimitTests {
    @Test func cpuBoundLoopIsStoppedByTheCPULimit() async throws {
        let daemon = try await DaemonHarness.start(language: "c", arguments: ["--limit-cpu", "1"])
        defer { Task { await daemon.stop() } }
        let results = try await daemon.batch(exec: "while :; do :; done")
        #expect(results[2].exitCode == -Int(SIGXCPU))
        #expect(results[2].result["reason"] as? String == "cpu")
        // rusage is tick-based: a little under the limit can be reported.
        #expect((results[2].result["cpuTime"] as? Double ?? 0) >= 0.5)
    }

    @Test func wallTimeLimitEndsTheWholeGroup() async throws {
        let daemon = try await DaemonHarness.start(language: "c", arguments: ["--limit-wall-time", "0.5"])
        defer { Task { await daemon.stop() } }
        let results = try await daemon.batch(exec: "sleep 100 & sleep 100")
        #expect(results[2].exitCode == -Int(SIGKILL))
        #expect(results[2].result["reason"] as? String == "timeout")
        let next = try await daemon.batch(exec: "echo next")
        #expect(next[2].stdout == "next\n", "the limit applies per task")
    }

    @Test func outputBeyondTheCapIsDroppedWithOneNotice() async throws {
        let daemon = try await DaemonHarness.start(language: "c", arguments: ["--limit-output", "1M"])
        defer { Task { await daemon.stop() } }
        let results = try await daemon.batch(exec: "head -c 1073741824 /dev/zero")
        let run = results[2]
        #expect(run.stdoutBytes.count == 1 << 20)
        #expect(run.stderr.contains("output limit of 1048576 bytes reached"))
        #expect(run.result["reason"] as? String == "output-limit")
        #expect(try residentKiB(of: daemon.pid) < 200 * 1024, "the daemon buffers nothing beyond the cap")
    }

    @Test func openFilesLimitIsVisibleToThePrograms() async throws {
        let daemon = try await DaemonHarness.start(language: "c", arguments: ["--limit-open-files", "64"])
        defer { Task { await daemon.stop() } }
        let results = try await daemon.batch(exec: "ulimit -n")
        #expect(results[2].stdout == "64\n")
    }

    private func residentKiB(of pid: pid_t) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? .max
    }
}

@Suite("Process containment", .timeLimit(.minutes(2)))
struct ProcessContainmentTests {
    /// Without a pids cgroup, root is not bound by RLIMIT_NPROC: never unleash a fork bomb then.
    static var canContainForkBombs: Bool {
        getuid() != 0 || access("/sys/fs/cgroup/pids", W_OK) == 0
            || (try? String(contentsOfFile: "/sys/fs/cgroup/cgroup.controllers", encoding: .utf8))?.contains("pids") == true
    }

    @Test(.enabled(if: canContainForkBombs, "no pids cgroup to contain a fork bomb as root"))
    func forkBombIsContainedAndTheDaemonKeepsAnswering() async throws {
        let daemon = try await DaemonHarness.start(language: "c", arguments: ["--limit-processes", "32"])
        defer { Task { await daemon.stop() } }
        daemon.client.send("exec", text: "bomb() { bomb | bomb & }; bomb; sleep 100")
        try await Task.sleep(for: .milliseconds(500))
        daemon.client.send("status")
        _ = try await daemon.next("status", timeout: .seconds(5))
        daemon.client.send("interrupt")
        let run = try await daemon.collect(until: "finished", timeout: .seconds(20))
        #expect(run.exitCode ?? 0 < 0)
        let next = try await daemon.batch(exec: "echo after")
        #expect(next[2].stdout == "after\n")
    }

    @Test func processesThatLeaveTheGroupAreKilledWithTheRun() async throws {
        let daemon = try await DaemonHarness.start(language: "c")
        defer { Task { await daemon.stop() } }
        let marker = "kr-escapee-\(getpid())"
        let results = try await daemon.batch(exec: "setsid sh -c 'exec -a \(marker) sleep 100' </dev/null >/dev/null 2>&1 & sleep 0.2; echo done")
        #expect(results[2].stdout == "done\n")
        try await Task.sleep(for: .milliseconds(300))
        let survivors = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { entry in
            guard Int(entry) != nil,
                  let cmdline = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline") else { return false }
            return String(decoding: cmdline, as: UTF8.self).contains(marker)
        }
        withKnownIssue("without a writable pids cgroup, processes that call setsid escape", isIntermittent: true) {
            #expect(survivors.isEmpty)
        }
    }
}
