import Foundation
import KernelProtocol
import Testing

/// Programs that ignore signals, spawn runaway children, orphan themselves, fork-bomb or leave
/// their process group: `interrupt` and shutdown still end all of it, and nothing is left
/// behind, neither a live process nor an unreaped zombie.
@Suite("Stress: hostile programs", .serialized, .timeLimit(.minutes(10)))
struct HostileProgramStressTests {
    enum Ending: String, CaseIterable, Sendable {
        case interrupt, shutdown
    }

    @Test(arguments: HostileProgram.all.filter(\.canRunHere), Ending.allCases)
    func everythingEnds(program: HostileProgram, ending: Ending) async throws {
        let stress = try await StressDaemon.start(arguments: HostileProgram.daemonArguments)
        let daemon = stress.harness
        defer { Task { await daemon.stop() } }
        daemon.client.send("exec", text: program.command)
        let ready = try await daemon.next("stdout", timeout: .seconds(30)).message
        #expect(ready.payload == Array("ready\n".utf8))
        try await Task.sleep(for: .milliseconds(300))

        switch ending {
        case .interrupt:
            daemon.client.send("interrupt")
            let run = try await daemon.collect(until: "finished", timeout: .seconds(30))
            #expect(run.exitCode.map { $0 != 0 } == true, "\(run.result)")
            await stress.expectNothingLeft()
            let after = try await daemon.batch(exec: "echo after")
            #expect(after[2].stdout == "after\n", "the daemon keeps serving")
            let stop = await daemon.stop()
            #expect(stop.status != nil && stop.elapsed <= TimeBound.shutdown, "SIGTERM took \(stop.elapsed)")
        case .shutdown:
            let stop = await daemon.stop()
            #expect(stop.status != nil && stop.elapsed <= TimeBound.shutdown, "SIGTERM took \(stop.elapsed)")
            await stress.expectNothingLeft(grace: .seconds(2))
        }
    }
}
