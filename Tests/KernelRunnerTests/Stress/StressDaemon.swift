import Foundation
import Testing

/// A daemon for the stress suite whose runs all carry a fresh token in their environment, so
/// ``leftovers()`` finds whatever a run left alive, however it escaped.
struct StressDaemon: Sendable {
    let harness: DaemonHarness
    let token: String

    /// Starts a daemon for `language`; `environ.txt` carries the token to every run.
    static func start(language: String = "c", arguments: [String] = []) async throws -> StressDaemon {
        let token = "kr-stress-\(UUID().uuidString)"
        let harness = try await DaemonHarness.start(language: language, arguments: arguments) { _, config in
            try "KR_STRESS_TOKEN=\(token)\n".write(toFile: config + "/environ.txt", atomically: true, encoding: .utf8)
        }
        return StressDaemon(harness: harness, token: token)
    }

    /// Live processes of this daemon's runs.
    func leftovers() -> [ProcessTable.Entry] {
        ProcessTable.carrying(token)
    }

    /// Expects every process of every run to be gone and no child of the daemon left unreaped,
    /// allowing `grace` for kills already sent to take effect.
    func expectNothingLeft(grace: Duration = .seconds(10), sourceLocation: SourceLocation = #_sourceLocation) async {
        let clean = await eventually(within: grace) { leftovers().isEmpty }
        #expect(clean, "processes of runs outlived them: \(leftovers())", sourceLocation: sourceLocation)
        let reaped = await eventually(within: grace) { ProcessTable.zombies(childrenOf: harness.pid).isEmpty }
        #expect(reaped, "unreaped children of the daemon: \(ProcessTable.zombies(childrenOf: harness.pid))", sourceLocation: sourceLocation)
    }
}
