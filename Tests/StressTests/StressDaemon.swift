import Foundation
import TestSupport
import Testing

/// A daemon for the stress suite whose runs all carry a fresh token in their environment, so
/// ``leftovers()`` finds whatever a run left alive, however it escaped.
struct StressDaemon: Sendable {
    let harness: DaemonHarness
    let token: String

    /// Runs `body` with a daemon for `language` whose `environ.txt` carries the token to every
    /// run (see ``withDaemon``).
    static func with<Value>(
        language: String = "c", arguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation,
        _ body: (StressDaemon) async throws -> Value
    ) async throws -> Value {
        let token = "kr-stress-\(UUID().uuidString)"
        return try await withDaemon(
            language: language, arguments: arguments,
            prepare: { _, config in
                try "KR_STRESS_TOKEN=\(token)\n".write(toFile: config + "/environ.txt", atomically: true, encoding: .utf8)
            }, sourceLocation: sourceLocation
        ) { harness in
            try await body(StressDaemon(harness: harness, token: token))
        }
    }

    /// Live processes of this daemon's runs.
    func leftovers() -> [ProcessTable.Entry] {
        ProcessTable.carrying(token)
    }

    /// Waits until the runs stop writing — back-pressure reached them, as when nobody reads —
    /// and returns whether they did: the bytes they wrote stay the same over five samples
    /// (100 ms), where a writer that is not held back adds megabytes.
    func runsStopWriting(within limit: Duration = TimeBound.hang(after: .seconds(30))) async -> Bool {
        var samples: [Int] = []
        return await eventually(within: limit) {
            samples = (samples + [ProcessTable.bytesWritten(byProcessesCarrying: token)]).suffix(5)
            return samples.count == 5 && samples.first! > 0 && Set(samples).count == 1
        }
    }

    /// Expects every process of every run to be gone and no child of the daemon left unreaped,
    /// allowing `grace` for kills already sent to take effect.
    func expectNothingLeft(grace: Duration = TimeBound.hang(after: .seconds(10)), sourceLocation: SourceLocation = #_sourceLocation) async {
        let clean = await eventually(within: grace) { leftovers().isEmpty }
        #expect(clean, "processes of runs outlived them: \(leftovers())", sourceLocation: sourceLocation)
        let reaped = await eventually(within: grace) { ProcessTable.zombies(childrenOf: harness.pid).isEmpty }
        #expect(reaped, "unreaped children of the daemon: \(ProcessTable.zombies(childrenOf: harness.pid))", sourceLocation: sourceLocation)
    }
}
