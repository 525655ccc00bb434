import Foundation
import KernelProtocol
import TestSupport
import Testing

/// SIGTERM at a random moment of a random run — before it starts, while it prints, while it
/// waits for input, while it ignores signals or has children, while its snippet compiles, with
/// runs queued behind it: the daemon exits within 3 s every time and no process of a run
/// survives it.
@Suite("Stress: SIGTERM at random moments", .timeLimit(.minutes(20)))
struct ShutdownStressTests {
    /// The runs to cut short, each sent `copies` times (the later copies wait in the queue).
    static let workloads: [(request: InboundMessage, copies: Int)] = [
        (.exec("sleep 30"), 1),
        (.exec("yes 'output output output' | head -c 200000000"), 1),
        (.exec("trap '' INT TERM; while :; do sleep 0.1; done"), 1),
        (.exec("for i in 1 2 3 4 5; do sleep 30 & done; wait"), 1),
        (.exec("read line; echo \"$line\""), 1),
        (.code("int main(void) { for (;;) {} }"), 1),
        (.exec("sleep 0.05; echo queued"), 200),
    ]

    @Test func everyShutdownIsQuickAndComplete() async throws {
        let iterations = StressScale.pick(short: 5, full: 100)
        var random = SeededGenerator()
        for iteration in 0..<iterations {
            let workload = Self.workloads.randomElement(using: &random)!
            let delay = Duration.milliseconds(Int.random(in: 0...400, using: &random))
            try await StressDaemon.with { stress in
                for _ in 0..<workload.copies {
                    try stress.harness.client.send(workload.request)
                }
                // The random moment is the scenario: SIGTERM lands wherever the runs are by then.
                try await Task.sleep(for: delay)
                let stop = await stress.harness.stop()
                let context = "iteration \(iteration), \(workload.request) after \(delay), seed \(random.seed)"
                #expect(stop.status != nil && stop.elapsed <= TimeBound.shutdown, "SIGTERM took \(stop.elapsed); \(context)")
                await stress.expectNothingLeft(grace: TimeBound.runLeftoversGone)
            }
        }
    }
}
