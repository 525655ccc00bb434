import Foundation
import Testing

@Suite(
    "Memory limit",
    .enabled(if: MemoryGroups.canBeCreated, "no writable memory cgroup: --limit-memory falls back to RLIMIT_AS"),
    .timeLimit(.minutes(2))
)
struct MemoryLimitTests {
    /// 512 MiB against a 64 MiB limit: `tail` keeps a line without a newline whole, and the shell keeps
    /// a command substitution in its own memory (then the killed process is the run's main one).
    @Test(arguments: [
        ("head -c 536870912 /dev/zero | tail", 128 + Int(SIGKILL)),
        ("x=$(head -c 536870912 /dev/zero | tr '\\0' x); echo ${#x}", -Int(SIGKILL)),
    ])
    func runBeyondTheLimitIsKilledWithReasonMemory(command: String, exitCode: Int) async throws {
        let daemon = try await DaemonHarness.start(language: "c", arguments: ["--limit-memory", "64M"])
        defer { Task { await daemon.stop() } }
        let results = try await daemon.batch(exec: command)
        let run = results[2]
        #expect(run.exitCode == exitCode)
        #expect(run.result["reason"] as? String == "memory")
        #expect(run.stderr.contains("kernel-runner: memory limit of 67108864 bytes reached"))
        daemon.client.send("status")
        _ = try await daemon.next("status", timeout: .seconds(5))
        let next = try await daemon.batch(exec: "echo after")
        #expect(next[2].stdout == "after\n")
        #expect(next[2].result["reason"] as? String == "exited")
        #expect(await groupsAreRemoved(of: daemon.pid), "the runs' memory groups are removed")
    }

    /// The query interpreter lives across runs in its own memory group: the run it dies in says why,
    /// and the next run starts a new one.
    @Test(.enabled(if: Toolchain.available("python3"), "python3 is not installed"))
    func queryInterpreterKilledAtTheLimitIsReportedAsMemory() async throws {
        let daemon = try await DaemonHarness.start(language: "python", arguments: ["--no-jupyter", "--limit-memory", "128M"])
        defer { Task { await daemon.stop() } }
        #expect(try await daemon.query("kept = 1").exitCode == 0)
        let run = try await daemon.query("big = b'x' * (1 << 30)")
        #expect(run.exitCode == -Int(SIGKILL))
        #expect(run.result["reason"] as? String == "memory")
        #expect(run.result["signal"] as? Int == Int(SIGKILL))
        #expect(run.stderr.contains("kernel-runner: memory limit of 134217728 bytes reached"))
        let next = try await daemon.query("print('kept' in dir())")
        #expect(next.stdout == "False\n", "a new interpreter: \(next.stderr)")
    }

    @Test func runWithinTheLimitIsUnaffected() async throws {
        let daemon = try await DaemonHarness.start(language: "c", arguments: ["--limit-memory", "64M"])
        defer { Task { await daemon.stop() } }
        let results = try await daemon.batch(exec: "head -c 16777216 /dev/zero | tail | wc -c")
        let run = results[2]
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "16777216")
        #expect(run.exitCode == 0)
        #expect(run.result["reason"] as? String == "exited")
        #expect(!run.stderr.contains("memory limit"))
    }

    @Test func addressSpaceStaysUnlimitedUnderTheGroupLimit() async throws {
        let daemon = try await DaemonHarness.start(language: "c", arguments: ["--limit-memory", "64M"])
        defer { Task { await daemon.stop() } }
        let results = try await daemon.batch(exec: "ulimit -v")
        #expect(results[2].stdout == "unlimited\n", "RLIMIT_AS would break runtimes that reserve address space")
    }

    /// Whether the run groups of the daemon `pid` are gone within a second: each is removed right
    /// after its run's terminal frame is sent, off the run's critical path.
    private func groupsAreRemoved(of pid: pid_t) async -> Bool {
        for _ in 0..<100 {
            if runGroups(of: pid).isEmpty { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    /// The run groups the daemon `pid` still has in its memory hierarchy.
    private func runGroups(of pid: pid_t) -> [String] {
        guard let parent = MemoryGroups.group(of: pid),
              let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return [] }
        return entries.filter { $0.hasPrefix("kernel-runner.\(pid).") }
    }
}

/// The memory cgroup hierarchy as the tests see it.
private enum MemoryGroups {
    /// Whether this process may create memory cgroups beside its own, as the daemon does. CI runs
    /// as root on machines that have them, so there a missing one fails instead of skipping.
    static var canBeCreated: Bool {
        Toolchain.isCI || group(of: getpid()).map { access($0, W_OK) == 0 } == true
    }

    /// The directory of `pid`'s group in the memory hierarchy (v1), or of its unified group when
    /// that has the memory controller (v2).
    static func group(of pid: pid_t) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/cgroup", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            if fields[1].split(separator: ",").contains("memory") {
                return "/sys/fs/cgroup/" + fields[1] + fields[2]
            }
            if fields[1].isEmpty,
               (try? String(contentsOfFile: "/sys/fs/cgroup/cgroup.controllers", encoding: .utf8))?.contains("memory") == true {
                return "/sys/fs/cgroup" + fields[2]
            }
        }
        return nil
    }
}
