import Foundation
import KernelProtocol
import TestSupport
import Testing

/// The namespace of the language suites, so `swift test --filter Languages` selects them all.
enum Languages {}

/// The end-to-end checks every language gets, on one daemon: query hello-world, a compile or
/// syntax error, input (when the language reads the terminal), completion, a multi-file
/// project through `clean *`/`build *`/`exec *`, and the explanation when `*` finds nothing.
///
/// The daemon runs under the language's shipped jail policy (`policy/<language>.yml`) with
/// `--require-sandbox`, as its image runs it: no run may have a call refused.
struct LanguageScenario: Sendable {
    /// The runtime-type key.
    var language: String
    /// Extra variables for the daemon (and so the programs it runs).
    var environment: [String: String] = [:]
    /// A snippet that prints exactly `helloOutput`.
    var hello: String
    var helloOutput = "hello\n"
    /// A snippet that does not compile or parse, and a fragment of the toolchain's complaint.
    var broken: String
    var brokenMessage: String
    /// A snippet that reads one line and prints `hi <line>`; `nil` if stdin is not the terminal.
    var greeter: String?
    /// A word prefix and one completion it must offer.
    var completion: (prefix: String, expected: String)
    /// Project files by relative path, built with `build *` and run with `exec *`.
    var project: [String: String]
    /// What `exec *` of the project prints (a fragment: some tools add banners).
    var projectOutput: String
    /// Files left in the otherwise emptied work dir for the "nothing found" check.
    var leftovers: [String: String] = [:]
    /// The diagnostic of `build *`/`exec *` when the work dir has no project.
    var missingMessage: String
    /// Whether query mode compiles: then the hello-world and the greeter run a second time,
    /// from the compile cache, with the same results.
    var compilesQueries = false
    /// Extra daemon arguments, e.g. `--stateless-query` to check one-shot query mode where a
    /// session is the default.
    var arguments: [String] = []

    /// Runs every check, then `more` on the same daemon.
    func run(more: (DaemonHarness) async throws -> Void = { _ in }) async throws {
        // A cache of its own: entries of earlier runs would turn the first compile into a hit.
        let cache = try TemporaryDirectory.make(prefix: "kr-compile-cache-")
        defer { try? FileManager.default.removeItem(atPath: cache) }
        try await withDaemon(
            language: language,
            arguments: ["--policy", policyPath, "--require-sandbox", "--debug", "--compile-cache-dir", cache] + arguments,
            environment: environment
        ) { daemon in
            #expect(await eventually { daemon.log.contains("sandbox: no_new_privs, seccomp") }, "log: \(daemon.log)")

            let greeting = try await daemon.query(hello)
            #expect(greeting.stdout == helloOutput, "stderr: \(greeting.stderr)")
            // Nothing else: e.g. Octave's "error: … while preparing to exit" in a fresh home.
            #expect(greeting.stderr == "")
            #expect(greeting.exitCode == 0)
            expectNothingRefused(greeting)

            let failure = try await daemon.query(broken)
            #expect(failure.stderr.contains(brokenMessage), "stderr: \(failure.stderr)")
            #expect(failure.exitCode != 0)

            if let greeter {
                let answered = try await daemon.query(greeter, input: "Ada")
                #expect(answered.stdout.contains("hi Ada"), "stdout: \(answered.stdout) stderr: \(answered.stderr)")
                #expect(answered.exitCode == 0)
                expectNothingRefused(answered)
            }

            if compilesQueries {
                try await expectRepeatsFromCache(daemon, first: greeting)
            }

            #expect(try await daemon.complete(completion.prefix).contains(completion.expected))

            try ProjectFiles.write(project, into: daemon.workDirectory)
            let results = try await daemon.batch(clean: "*", build: "*", exec: "*")
            #expect(results.map(\.exitCode) == [0, 0, 0], "build: \(results[1].stdout + results[1].stderr) exec: \(results[2].stderr)")
            #expect(results[2].stdout.contains(projectOutput), "stdout: \(results[2].stdout)")
            for result in results { expectNothingRefused(result) }

            try ProjectFiles.removeVisible(from: daemon.workDirectory)
            try ProjectFiles.write(leftovers, into: daemon.workDirectory)
            let missing = try await daemon.batch(build: "*", exec: "*")
            #expect(missing[2].exitCode == 127)
            #expect((missing[1].stderr + missing[2].stderr).contains(missingMessage), "stderr: \(missing[1].stderr + missing[2].stderr)")

            try await more(daemon)
        }
    }

    /// The hello-world and the greeter again: each a compile-cache hit (no compiler runs; the
    /// daemon logs the hit) that behaves as the compiled one did, under the same policy.
    private func expectRepeatsFromCache(_ daemon: DaemonHarness, first: RunOutput) async throws {
        let again = try await daemon.query(hello)
        #expect(again.stdout == first.stdout && again.stderr == first.stderr && again.exitCode == first.exitCode, "stderr: \(again.stderr)")
        expectNothingRefused(again)
        var hits = 1
        if let greeter {
            let answered = try await daemon.query(greeter, input: "Grace")
            #expect(answered.stdout.contains("hi Grace"), "stdout: \(answered.stdout) stderr: \(answered.stderr)")
            #expect(answered.exitCode == 0)
            expectNothingRefused(answered)
            hits += 1
        }
        let logged = await eventually { daemon.log.occurrences(of: "compile cache: hit") == hits }
        #expect(logged, "log: \(daemon.log.suffix(4_000))")
    }

    /// The shipped policy of the language's image (`git` for the shell runner of the git image).
    private var policyPath: String {
        RepositoryFiles.policyDirectory + "/\(language).yml"
    }

    private func expectNothingRefused(_ output: RunOutput, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(output.result?.policyDenials == nil, "refused by \(language).yml: \(output.stderr)", sourceLocation: sourceLocation)
    }
}
