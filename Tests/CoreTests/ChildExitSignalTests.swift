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
            let run = try await daemon.batch(exec: "sh -c 'sleep 30 & echo started'")[2]
            #expect(run.stdout.contains("started"))
            let threads = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(daemon.pid)/task")
            #expect(!threads.isEmpty)
            for thread in threads {
                let status = try String(contentsOfFile: "/proc/\(daemon.pid)/task/\(thread)/status", encoding: .utf8)
                let blocked = status.split(separator: "\n").first { $0.hasPrefix("SigBlk:") }
                let mask = try #require(
                    blocked.flatMap { UInt64($0.dropFirst("SigBlk:".count).trimmingCharacters(in: .whitespaces), radix: 16) })
                #expect(mask & (1 << (UInt64(SIGCHLD) - 1)) != 0, "thread \(thread) takes SIGCHLD")
            }
            let reaped = await eventually { ProcessTable.entries().allSatisfy { $0.parent != daemon.pid } }
            #expect(reaped, "children left: \(ProcessTable.entries().filter { $0.parent == daemon.pid })")
        }
    }
}
