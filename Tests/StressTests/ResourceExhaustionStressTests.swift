import Foundation
import ProcessSupervision
import SystemSupport
import TestSupport
import Testing

/// The daemon runs out of what a run needs — file descriptors, a scratch directory, the work
/// directory itself: each run still ends with a diagnostic and its terminal frame, the daemon
/// keeps answering, and runs work again once the resource is back.
@Suite("Stress: resources run out", .timeLimit(.minutes(5)))
struct ResourceExhaustionStressTests {
    @Test(.enabled(if: Toolchain.available("prlimit"), "prlimit (util-linux) is not installed"))
    func outOfFileDescriptorsEveryRunStillEndsAndTheDaemonRecovers() async throws {
        try await withDaemon(language: "c") { daemon in
            // Both connections of the agent are up once a status round trip completed: a starved
            // daemon could not accept them.
            try daemon.client.send(.status)
            _ = try await daemon.next(.status)
            let original = try #require(Self.openFileLimit(of: daemon.pid))
            let open = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(daemon.pid)/fd").count
            // Room for nothing more than the daemon holds now: no terminal, no pipe for a run.
            #expect(try await Self.setOpenFileLimit(of: daemon.pid, to: open) == 0)
            for _ in 0..<StressScale.pick(short: 5, full: 50) {
                let run = try await daemon.batch(exec: "echo never")
                #expect(run[2].exitCode == 126, "\(run[2].result)")
                #expect(run[2].stderr.contains("Too many open files"), "the user is told why: \(run[2].stderr)")
            }
            try daemon.client.send(.status)
            _ = try await daemon.next(.status)

            #expect(try await Self.setOpenFileLimit(of: daemon.pid, to: original) == 0)
            let recovered = try await daemon.batch(exec: "echo back")
            #expect(recovered[2].stdout == "back\n")
        }
    }

    /// The soft `RLIMIT_NOFILE` of a process, from `/proc/<pid>/limits`.
    private static func openFileLimit(of pid: pid_t) -> Int? {
        let limits = FileSystem.text(of: "/proc/\(pid)/limits")
        let line = limits?.split(separator: "\n").first { $0.hasPrefix("Max open files") }
        return line?.split(separator: " ", omittingEmptySubsequences: true).dropFirst(3).first.flatMap { Int($0) }
    }

    /// Sets another process's soft `RLIMIT_NOFILE` with prlimit(1) (Glibc's prlimit(2) is not
    /// visible to Swift); returns its exit code.
    private static func setOpenFileLimit(of pid: pid_t, to limit: Int) async throws -> Int {
        let process = try SupervisedProcess.spawn(
            ProcessSpec(
                executable: "prlimit", arguments: ["--pid", "\(pid)", "--nofile=\(limit):"],
                environment: ProcessInfo.processInfo.environment, workingDirectory: "/"),
            handlers: ProcessHandlers(output: { _ in }))
        return await process.wait().exitCode
    }

    @Test func withoutAScratchDirectoryQueryRunsFailCleanly() async throws {
        try await withDaemon(
            language: "shell", arguments: ["--stateless-query"], environment: ["TMPDIR": "/nonexistent/kernel-runner-tmp"]
        ) { daemon in
            let run = try await daemon.query("echo never")
            #expect(run.exitCode == -1, "\(run.result)")
            #expect(run.stderr.contains("scratch directory"), "the user is told why: \(run.stderr)")
            let batch = try await daemon.batch(exec: "echo batch still works")
            #expect(batch[2].stdout == "batch still works\n")
        }
    }

    /// A session driver that cannot write its files: query mode says so, each time, and the
    /// rest of the daemon works.
    @Test func withoutAScratchDirectoryASessionFailsCleanly() async throws {
        try await withDaemon(language: "shell", environment: ["TMPDIR": "/nonexistent/kernel-runner-tmp"]) { daemon in
            for _ in 0..<2 {
                let run = try await daemon.query("echo never")
                #expect(run.exitCode == 127, "\(run.result)")
                #expect(run.stderr.contains("query mode is unavailable"), "the user is told why: \(run.stderr)")
            }
            let batch = try await daemon.batch(exec: "echo batch still works")
            #expect(batch[2].stdout == "batch still works\n")
        }
    }

    @Test func aVanishedWorkDirectoryFailsRunsUntilItIsBack() async throws {
        try await withDaemon(language: "c") { daemon in
            try FileManager.default.removeItem(atPath: daemon.workDirectory)
            let run = try await daemon.batch(exec: "echo never")
            #expect(run[2].exitCode == 126, "\(run[2].result)")
            #expect(run[2].stderr.contains("No such file or directory"), "\(run[2].stderr)")
            try FileManager.default.createDirectory(atPath: daemon.workDirectory, withIntermediateDirectories: false)
            let back = try await daemon.batch(exec: "echo back")
            #expect(back[2].stdout == "back\n")
        }
    }
}
