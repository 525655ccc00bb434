import Foundation
import TestSupport
import Testing

@Suite("SIGCHLD in the daemon")
struct ChildExitSignalTests {
    /// No thread of the daemon takes SIGCHLD (a run's end interrupts none), yet the orphans a
    /// run leaves are reaped: the reaper finds the pending signal through its signalfd.
    @Test func everyThreadBlocksItAndOrphansAreStillReaped() async throws {
        try await withDaemon(language: "c") { daemon in
            // The background sleep outlives the run's shell: re-parented to the daemon, then
            // killed with the run's leftovers, it exits as the daemon's child.
            let run = try await daemon.batch(exec: "sh -c 'sleep 30 & echo $!'")[2]
            let orphan = try #require(pid_t(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
            let threads = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(daemon.pid)/task")
            #expect(!threads.isEmpty)
            for thread in threads {
                let status = try String(contentsOfFile: "/proc/\(daemon.pid)/task/\(thread)/status", encoding: .utf8)
                let blocked = status.split(separator: "\n").first { $0.hasPrefix("SigBlk:") }
                let mask = try #require(
                    blocked.flatMap { UInt64($0.dropFirst("SigBlk:".count).trimmingCharacters(in: .whitespaces), radix: 16) })
                #expect(mask & (1 << (UInt64(SIGCHLD) - 1)) != 0, "thread \(thread) takes SIGCHLD")
            }
            // Gone from the process table: neither running nor a zombie. (A sanitizer build's
            // daemon keeps a symbolizer as its child.)
            let reaped = await eventually { ProcessTable.entry(orphan) == nil }
            #expect(reaped, "the orphan is still there: \(ProcessTable.entry(orphan).map(String.init(describing:)) ?? "")")
        }
    }
}
