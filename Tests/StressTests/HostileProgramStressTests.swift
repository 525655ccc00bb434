import Foundation
import KernelProtocol
import TestSupport
import Testing

/// Programs that ignore signals, spawn runaway children, orphan themselves, fork-bomb or leave
/// their process group: `interrupt` and shutdown still end all of it, and nothing is left
/// behind, neither a live process nor an unreaped zombie.
@Suite("Stress: hostile programs", .serialized, .timeLimit(.minutes(10)))
struct HostileProgramStressTests {
    enum Ending: String, CaseIterable, Sendable {
        case interrupt, shutdown
    }

    @Test(arguments: HostileProgram.contained, Ending.allCases)
    func everythingEnds(program: HostileProgram, ending: Ending) async throws {
        try await check(program, ending: ending)
    }

    /// Skipped (with the reason shown) where the daemon cannot make pids groups; never in CI.
    @Test(
        .enabled(if: ControlGroups.canBeCreated(.pids), "the daemon cannot create pids control groups here"),
        arguments: HostileProgram.needingControlGroups, Ending.allCases)
    func everythingEndsInItsControlGroup(program: HostileProgram, ending: Ending) async throws {
        try await check(program, ending: ending)
    }

    private func check(_ program: HostileProgram, ending: Ending) async throws {
        try await StressDaemon.with(arguments: HostileProgram.daemonArguments) { stress in
            let daemon = stress.harness
            try daemon.client.send(.exec(program.command))
            try await waitUntilReady(program, in: stress)

            switch ending {
            case .interrupt:
                try daemon.client.send(.interrupt)
                let run = try await daemon.collect(until: .finished, timeout: TimeBound.hang(after: .seconds(30)))
                #expect(run.exitCode.map { $0 != 0 } == true, "\(run.result.map(String.init(describing:)) ?? "no result")")
                await stress.expectNothingLeft()
                let after = try await daemon.batch(exec: "echo after")
                #expect(after[2].stdout == "after\n", "the daemon keeps serving")
                let stop = await daemon.stop()
                #expect(stop.status != nil && stop.elapsed <= TimeBound.shutdown, "SIGTERM took \(stop.elapsed)")
            case .shutdown:
                let stop = await daemon.stop()
                #expect(stop.status != nil && stop.elapsed <= TimeBound.shutdown, "SIGTERM took \(stop.elapsed)")
                await stress.expectNothingLeft(grace: TimeBound.runLeftoversGone)
            }
        }
    }

    private func waitUntilReady(_ program: HostileProgram, in stress: StressDaemon) async throws {
        let daemon = stress.harness
        switch program.readiness {
        case .readyLines(let count):
            var stdout = ""
            while stdout.components(separatedBy: "ready\n").count - 1 < count {
                let frame = try await daemon.next(.stdout, timeout: TimeBound.hang(after: .seconds(30))).message
                stdout += String(decoding: frame.payload, as: UTF8.self)
            }
            #expect(stdout == String(repeating: "ready\n", count: count))
        case .inputRequest:
            _ = try await daemon.next(.waitingInput, timeout: TimeBound.hang(after: .seconds(30)))
        case .processLimitReached:
            let capped = await eventually(within: TimeBound.hang(after: .seconds(30))) {
                ControlGroups.runGroups(ofDaemon: daemon.pid, .pids).contains { group in
                    (ControlGroups.processCounters(of: group)?.refusedForks ?? 0) > 0
                }
            }
            #expect(capped, "the fork bomb never reached the process limit")
        }
    }
}
