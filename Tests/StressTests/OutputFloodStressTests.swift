import Foundation
import KernelProtocol
import TestSupport
import Testing

/// A program prints as fast as it can while the agent reads slowly: the daemon's memory stays
/// bounded because back-pressure reaches the program (it waits on its terminal), and every byte
/// arrives in order.
@Suite("Stress: output flood with a slow reader", .timeLimit(.minutes(20)))
struct OutputFloodStressTests {
    /// Far below the 2 GiB the full variant prints: the daemon may buffer its outbox (8 MiB) and
    /// libzmq's queue (1000 frames of up to 64 KiB), not the stream.
    static let residentLimit = 512 << 20

    @Test func floodedOutputStaysBoundedAndArrivesInOrder() async throws {
        let totalBytes = StressScale.pick(short: 64 << 20, full: 2 << 30)
        let pauseEvery = StressScale.pick(short: 16 << 20, full: 256 << 20)
        let lineWidth = 15
        let lines = totalBytes / (lineWidth + 1)
        try await StressDaemon.with { stress in
            let daemon = stress.harness
            // Block-buffered: on a terminal `seq` would write line by line and be its own bottleneck.
            try daemon.client.send(.exec("stdbuf -o 65536 seq -f '%0\(lineWidth).0f' 1 \(lines)"))

            var verifier = CounterLineVerifier(width: lineWidth)
            var received = 0
            var nextPause = pauseEvery
            var peakResident = 0
            var largestBacklog = 0
            while true {
                let patience = TimeBound.hang(after: .seconds(60))
                guard let message = await daemon.client.next(timeout: patience) else {
                    Issue.record("no frame for \(patience) after \(received) bytes")
                    return
                }
                if message.kind == .finished {
                    #expect(RunOutput(messages: [message]).exitCode == 0)
                    break
                }
                #expect(message.kind == .stdout, "unexpected \(message.opName)")
                verifier.consume(message.payload)
                received += message.payload.count
                if received >= nextPause {
                    // The slow reader: its pause is the scenario; the program must stop with it.
                    nextPause += pauseEvery
                    try await Task.sleep(for: .seconds(1))
                    peakResident = max(peakResident, ProcessTable.residentBytes(of: daemon.pid) ?? 0)
                    largestBacklog = max(largestBacklog, ProcessTable.bytesWritten(byProcessesCarrying: stress.token) - received)
                }
            }
            #expect(verifier.problem == nil)
            #expect(verifier.linesVerified == lines)
            #expect(received == lines * (lineWidth + 1))
            #expect(peakResident > 0 && peakResident < Self.residentLimit, "daemon VmRSS peaked at \(peakResident >> 20) MiB")
            // What the program wrote but the reader had not taken sits in the daemon and libzmq
            // (bounded above), the kernel's terminal and socket buffers: never the whole stream.
            #expect(largestBacklog < Self.residentLimit, "the program ran \(largestBacklog >> 20) MiB ahead of the reader")
        }
    }
}
