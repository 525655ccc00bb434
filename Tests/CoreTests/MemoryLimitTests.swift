import Foundation
import TestSupport
import Testing

@Suite(
    "Memory limit",
    .enabled(if: ControlGroups.canBeCreated(.memory), "no writable memory cgroup: --limit-memory falls back to RLIMIT_AS"),
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
        try await withDaemon(language: "c", arguments: ["--limit-memory", "64M"]) { daemon in
            let results = try await daemon.batch(exec: command)
            let run = results[2]
            #expect(run.exitCode == exitCode)
            #expect(run.result?.reason == .memory)
            #expect(run.stderr.contains("kernel-runner: memory limit of 67108864 bytes reached"))
            try daemon.client.send(.status)
            _ = try await daemon.next(.status)
            let next = try await daemon.batch(exec: "echo after")
            #expect(next[2].stdout == "after\n")
            #expect(next[2].result?.reason == .exited)
            #expect(await groupsAreRemoved(of: daemon.pid), "the runs' memory groups are removed")
        }
    }

    /// The query interpreter lives across runs in its own memory group: the run it dies in says why,
    /// and the next run starts a new one.
    @Test(.enabled(if: Toolchain.available("python3"), "python3 is not installed"))
    func queryInterpreterKilledAtTheLimitIsReportedAsMemory() async throws {
        try await withDaemon(language: "python", arguments: ["--no-jupyter", "--limit-memory", "128M"]) { daemon in
            #expect(try await daemon.query("kept = 1").exitCode == 0)
            let run = try await daemon.query("big = b'x' * (1 << 30)")
            #expect(run.exitCode == -Int(SIGKILL))
            #expect(run.result?.reason == .memory)
            #expect(run.result?.signal == SIGKILL)
            #expect(run.stderr.contains("kernel-runner: memory limit of 134217728 bytes reached"))
            let next = try await daemon.query("print('kept' in dir())")
            #expect(next.stdout == "False\n", "a new interpreter: \(next.stderr)")
        }
    }

    @Test func runWithinTheLimitIsUnaffected() async throws {
        try await withDaemon(language: "c", arguments: ["--limit-memory", "64M"]) { daemon in
            let results = try await daemon.batch(exec: "head -c 16777216 /dev/zero | tail | wc -c")
            let run = results[2]
            #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "16777216")
            #expect(run.exitCode == 0)
            #expect(run.result?.reason == .exited)
            #expect(!run.stderr.contains("memory limit"))
        }
    }

    @Test func addressSpaceStaysUnlimitedUnderTheGroupLimit() async throws {
        try await withDaemon(language: "c", arguments: ["--limit-memory", "64M"]) { daemon in
            let results = try await daemon.batch(exec: "ulimit -v")
            #expect(results[2].stdout == "unlimited\n", "RLIMIT_AS would break runtimes that reserve address space")
        }
    }

    /// Whether the run groups of the daemon `pid` go: each is removed right after its run's
    /// terminal frame is sent, off the run's critical path.
    private func groupsAreRemoved(of pid: pid_t) async -> Bool {
        // Without a hierarchy there would be no groups to list, removed or not.
        guard ControlGroups.group(of: pid, .memory) != nil else { return false }
        return await eventually(within: TimeBound.hang(after: .seconds(1))) { ControlGroups.runGroups(ofDaemon: pid, .memory).isEmpty }
    }
}
