import Foundation
import KernelProtocol
import Testing

/// The namespace of the language suites, so `swift test --filter Languages` selects them all.
enum Languages {}

/// The end-to-end checks every language gets, on one daemon: query hello-world, a compile or
/// syntax error, input (when the language reads the terminal), completion, a multi-file
/// project through `clean *`/`build *`/`exec *`, and the explanation when `*` finds nothing.
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

    /// Runs every check, then `more` on the same daemon.
    func run(more: (DaemonHarness) async throws -> Void = { _ in }) async throws {
        let daemon = try await DaemonHarness.start(language: language, environment: environment)
        defer { Task { await daemon.stop() } }

        let greeting = try await daemon.query(hello)
        #expect(greeting.stdout == helloOutput, "stderr: \(greeting.stderr)")
        #expect(greeting.exitCode == 0)

        let failure = try await daemon.query(broken)
        #expect(failure.stderr.contains(brokenMessage), "stderr: \(failure.stderr)")
        #expect(failure.exitCode != 0)

        if let greeter {
            let answered = try await daemon.query(greeter, input: "Ada")
            #expect(answered.stdout.contains("hi Ada"), "stdout: \(answered.stdout) stderr: \(answered.stderr)")
            #expect(answered.exitCode == 0)
        }

        #expect(try await daemon.complete(completion.prefix).contains(completion.expected))

        try ProjectFiles.write(project, into: daemon.workDirectory)
        let results = try await daemon.batch(clean: "*", build: "*", exec: "*")
        #expect(results.map(\.exitCode) == [0, 0, 0], "build: \(results[1].stdout + results[1].stderr) exec: \(results[2].stderr)")
        #expect(results[2].stdout.contains(projectOutput), "stdout: \(results[2].stdout)")

        try ProjectFiles.removeVisible(from: daemon.workDirectory)
        try ProjectFiles.write(leftovers, into: daemon.workDirectory)
        let missing = try await daemon.batch(build: "*", exec: "*")
        #expect(missing[2].exitCode == 127)
        #expect((missing[1].stderr + missing[2].stderr).contains(missingMessage), "stderr: \(missing[1].stderr + missing[2].stderr)")

        try await more(daemon)
    }
}

extension DaemonHarness {
    /// Runs `code` in query mode, answering its first input request with `input`.
    func query(_ code: String, input: String, timeout: Duration = .seconds(120)) async throws -> RunOutput {
        client.send("code", text: code)
        let beforeInput = try await collect(until: "waiting-input", timeout: timeout)
        client.send("input", text: input)
        let afterInput = try await collect(until: "finished", timeout: timeout)
        return RunOutput(messages: beforeInput.messages + afterInput.messages)
    }

    /// The completion fallback's suggestions for `code`.
    func complete(_ code: String) async throws -> [String] {
        let request = try JSONSerialization.data(withJSONObject: ["code": code])
        client.send("complete", payload: Array(request))
        let reply = try await collect(until: "completion", timeout: .seconds(10))
        let object = try JSONSerialization.jsonObject(with: Data(reply.messages.last?.payload ?? [])) as? [String: [String]]
        return object?["suggestions"] ?? []
    }
}

/// Writing and removing test projects in a work directory.
enum ProjectFiles {
    static func write(_ files: [String: String], into directory: String) throws {
        for (path, text) in files {
            let url = URL(fileURLWithPath: directory + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// Removes the files and folders of `directory`; hidden ones (toolchain caches) stay, so
    /// later builds in the same test stay fast.
    static func removeVisible(from directory: String) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where !name.hasPrefix(".") {
            try FileManager.default.removeItem(atPath: directory + "/" + name)
        }
    }
}
