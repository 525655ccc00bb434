import Foundation
import KernelRunner
import TestSupport
import Testing

/// `kernel-runner --policy FILE`: the runs of a real daemon see the filtered environment, and an
/// invalid policy stops the daemon before it binds.
@Suite("Jail policy in the daemon")
struct PolicyDaemonTests {
    /// Writes `text` to a policy file in a fresh directory, which `body` gets and which is
    /// removed afterwards.
    private func withPolicy<Result>(_ text: String, _ body: (String) async throws -> Result) async throws -> Result {
        let directory = try TemporaryDirectory.make(prefix: "kr-policy-")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/policy.yml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try await body(path)
    }

    @Test func runsSeeTheFilteredEnvironment() async throws {
        let policy = """
            preserved_env_keys: [PATH, KR_TEST_KEPT]
            extra_envs: ["KR_TEST_EXTRA=from the policy"]
            """
        let (exec, workDirectory) = try await withPolicy(policy) { path in
            try await withDaemon(
                language: "c",
                arguments: ["--policy", path],
                environment: ["KR_TEST_KEPT": "kept", "KR_TEST_SECRET": "must not leak"]
            ) { daemon in
                (try await daemon.batch(exec: "env")[2], daemon.workDirectory)
            }
        }

        let variables = Set(exec.stdout.split(separator: "\n").map(String.init))
        #expect(exec.exitCode == 0)
        #expect(variables.contains("KR_TEST_KEPT=kept"))
        #expect(variables.contains("KR_TEST_EXTRA=from the policy"))
        #expect(!variables.contains { $0.hasPrefix("KR_TEST_SECRET=") })
        // The runner's own defaults are built on top of the filtered environment.
        #expect(variables.contains("HOME=\(workDirectory)"))
        #expect(variables.contains("TERM=xterm"))
    }

    /// In-process, through the library's front door: the daemon's own child reaper (started by
    /// other tests in this process) may reap a spawned daemon first, which would hide its exit.
    /// The command line turns the thrown error into the message on stderr and exit status 1.
    @Test func anInvalidPolicyStopsTheDaemonBeforeItBinds() async throws {
        try await withPolicy("max_child_procs: lots\n") { path in
            var configuration = KernelRunnerDaemon.Configuration(language: "c")
            configuration.bindAddress = "127.0.0.1"
            configuration.inputPort = 0
            configuration.outputPort = 0
            configuration.policyPath = path
            let daemon = KernelRunnerDaemon(configuration: configuration)
            let error = await #expect(throws: PolicyError.self) { try await daemon.run() }
            #expect(error?.description == "invalid jail policy \(path):1: max_child_procs: expected an integer, found the string \"lots\"")
        }
    }
}
