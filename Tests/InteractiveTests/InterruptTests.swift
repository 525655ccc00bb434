import Foundation
import TestSupport
import Testing

extension Interactive {
    @Suite("Interrupting batch programs", .timeLimit(.minutes(2)))
    struct InterruptTests {
        @Test(.enabled(if: Toolchain.available("gcc"), "gcc is not installed"))
        func aCBusyLoopStopsWithinASecond() async throws {
            let program = "#include <stdio.h>\nint main(void) { puts(\"spinning\"); fflush(stdout); for (;;) {} }\n"
            try await withDaemon(
                language: "c", arguments: ["--input-socket", ""],
                prepare: { work, _ in
                    try program.write(toFile: work + "/spin.c", atomically: true, encoding: .utf8)
                }
            ) { daemon in
                try daemon.client.send(.exec("gcc -o spin spin.c && ./spin"))
                let started = try await daemon.collect(until: .stdout, timeout: TimeBound.hang(after: .seconds(60)))
                #expect(started.stdout == "spinning\n")
                let interruptedAt = ContinuousClock.now
                try daemon.client.send(.interrupt)
                let finished = try await daemon.collect(until: .finished, timeout: TimeBound.hang(after: .seconds(10)))
                let elapsed = ContinuousClock.now - interruptedAt
                #expect(elapsed < TimeBound.interrupt, "took \(elapsed)")
                #expect(finished.exitCode == -Int(SIGINT))
            }
        }

        /// A program that saves its work on SIGINT gets the grace: the old 500 ms escalation
        /// sent SIGTERM in the middle of its clean-up.
        @Test func aProgramHandlingTheInterruptFinishesItsCleanUp() async throws {
            try await withDaemon(language: "c", arguments: ["--input-socket", ""]) { daemon in
                try daemon.client.send(.exec("trap 'sleep 1; echo saved; exit 3' INT; echo ready; while :; do sleep 0.05; done"))
                _ = try await daemon.collect(until: .stdout)
                try daemon.client.send(.interrupt)
                let finished = try await daemon.collect(until: .finished, timeout: TimeBound.hang(after: .seconds(10)))
                #expect(finished.stdout == "saved\n")
                #expect(finished.exitCode == 3)
            }
        }

        /// A second interrupt does not wait for the grace: SIGTERM at once.
        @Test func aRepeatedInterruptEscalatesAtOnce() async throws {
            try await withDaemon(language: "c", arguments: ["--input-socket", ""]) { daemon in
                try daemon.client.send(.exec("trap '' INT; echo ready; while :; do sleep 0.05; done"))
                _ = try await daemon.collect(until: .stdout)
                try daemon.client.send(.interrupt)
                let repeatedAt = ContinuousClock.now
                try daemon.client.send(.interrupt)
                let finished = try await daemon.collect(until: .finished, timeout: TimeBound.hang(after: .seconds(10)))
                let elapsed = ContinuousClock.now - repeatedAt
                #expect(elapsed < TimeBound.interrupt, "took \(elapsed)")
                #expect(finished.exitCode == -Int(SIGTERM))
            }
        }
    }
}
