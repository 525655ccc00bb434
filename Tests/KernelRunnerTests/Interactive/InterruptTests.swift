import Foundation
import Testing

extension Interactive {
    @Suite("Interrupting batch programs", .timeLimit(.minutes(2)))
    struct InterruptTests {
        @Test(.enabled(if: Toolchain.available("gcc"), "gcc is not installed"))
        func aCBusyLoopStopsWithinASecond() async throws {
            let program = "#include <stdio.h>\nint main(void) { puts(\"spinning\"); fflush(stdout); for (;;) {} }\n"
            let daemon = try await DaemonHarness.start(language: "c", arguments: ["--input-socket", ""]) { work, _ in
                try program.write(toFile: work + "/spin.c", atomically: true, encoding: .utf8)
            }
            defer { Task { await daemon.stop() } }
            daemon.client.send("exec", text: "gcc -o spin spin.c && ./spin")
            let started = try await daemon.collect(until: "stdout", timeout: .seconds(60))
            #expect(started.stdout == "spinning\n")
            let interruptedAt = ContinuousClock.now
            daemon.client.send("interrupt")
            let finished = try await daemon.collect(until: "finished", timeout: .seconds(10))
            let elapsed = ContinuousClock.now - interruptedAt
            #expect(elapsed < .seconds(1), "took \(elapsed)")
            #expect(finished.exitCode == -Int(SIGINT))
        }
    }
}
