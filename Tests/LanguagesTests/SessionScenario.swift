import Foundation
import KernelProtocol
import TestSupport
import Testing

/// The end-to-end checks of a language's persistent query session (notebook state), on one
/// daemon under the language's shipped jail policy with `--require-sandbox`: define in one cell
/// and use in the next; an error, then recovery; an interrupt that keeps the state; input inside
/// a cell; completion from the live session; a crashed interpreter reported and replaced. Then,
/// on a second daemon, `--stateless-query` brings back one-shot runs.
struct SessionScenario: Sendable {
    /// The runtime-type key.
    var language: String
    /// Defines state (a variable and a function); prints nothing.
    var define: String
    /// Uses it: prints exactly `usedOutput`.
    var use: String
    var usedOutput = "42\n"
    /// Fails at run time, with `errorMessage` in stderr.
    var failing: String
    var errorMessage: String
    /// Prints `looping` on a line of its own, then loops for ever.
    var endlessLoop: String
    /// The exit code of an interrupted cell, when the language keeps its state (nil: any non-zero).
    var interruptedExitCode: Int? = nil
    /// Reads a line and prints `hi <line>`.
    var greeter: String
    /// A prefix of a name `define` made, and that name.
    var completion: (prefix: String, expected: String)
    /// Ends the interpreter with exit status 3.
    var crash: String
    /// Prints `lost` when the state of `define` is gone (a new interpreter), else something else.
    var stateLost: String

    /// Runs every check, with `more` on the same daemon before the crash (the state still there).
    func run(more: (DaemonHarness) async throws -> Void = { _ in }) async throws {
        try await withDaemon(language: language, arguments: ["--policy", policyPath, "--require-sandbox"]) { daemon in
            let defined = try await daemon.query(define)
            #expect(defined.exitCode == 0, "stderr: \(defined.stderr)")
            #expect(defined.stdout == "")
            expectNothingRefused(defined)
            let used = try await daemon.query(use)
            #expect(used.stdout == usedOutput, "stderr: \(used.stderr)")
            #expect(used.exitCode == 0)

            let failed = try await daemon.query(failing)
            #expect(failed.exitCode != 0)
            #expect(failed.stderr.contains(errorMessage), "stderr: \(failed.stderr)")
            #expect(!failed.stderr.contains("kernel_runner_session"), "driver frames leak: \(failed.stderr)")
            let recovered = try await daemon.query(use)
            #expect(recovered.stdout == usedOutput, "after an error: \(recovered.stderr)")

            try daemon.client.send(.code(endlessLoop))
            var started = try await daemon.collect(until: .stdout).stdout
            while !started.hasSuffix("\n") {
                started += try await daemon.collect(until: .stdout).stdout
            }
            #expect(started == "looping\n")
            try daemon.client.send(.interrupt)
            let interrupted = try await daemon.collect(until: .finished, timeout: TimeBound.hang(after: .seconds(10)))
            if let interruptedExitCode {
                #expect(interrupted.exitCode == interruptedExitCode, "stderr: \(interrupted.stderr)")
            } else {
                #expect(interrupted.exitCode != 0)
            }
            #expect(!interrupted.stderr.contains("state is lost"), "stderr: \(interrupted.stderr)")
            let kept = try await daemon.query(use)
            #expect(kept.stdout == usedOutput, "after an interrupt: \(kept.stderr)")

            let answered = try await daemon.query(greeter, input: "Ada")
            #expect(answered.stdout.contains("hi Ada"), "stdout: \(answered.stdout) stderr: \(answered.stderr)")
            #expect(answered.exitCode == 0)
            #expect(answered.ops.filter { $0 == .waitingInput }.count == 1, "ops: \(answered.ops)")
            expectNothingRefused(answered)

            // The session has 60 ms to answer before the fallback does: a loaded machine may miss one.
            #expect(await eventually { (try? await daemon.complete(completion.prefix))?.contains(completion.expected) == true })

            try await more(daemon)

            let crashed = try await daemon.query(crash)
            #expect(crashed.exitCode == 3)
            #expect(crashed.stderr.contains("ended unexpectedly"), "stderr: \(crashed.stderr)")
            let replaced = try await daemon.query(stateLost)
            #expect(replaced.stdout == "lost\n", "stderr: \(replaced.stderr)")
            #expect(replaced.exitCode == 0)
            expectNothingRefused(replaced)
        }

        try await withDaemon(
            language: language, arguments: ["--policy", policyPath, "--require-sandbox", "--stateless-query"]
        ) { daemon in
            #expect(try await daemon.query(define).exitCode == 0)
            let oneShot = try await daemon.query(stateLost)
            #expect(oneShot.stdout == "lost\n", "every run starts afresh: \(oneShot.stderr)")
        }
    }

    private var policyPath: String {
        RepositoryFiles.policyDirectory + "/\(language).yml"
    }

    private func expectNothingRefused(_ output: RunOutput, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(output.result?.policyDenials == nil, "refused by \(language).yml: \(output.stderr)", sourceLocation: sourceLocation)
    }
}
