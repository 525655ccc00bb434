import ProcessSupervision
import TestSupport
import Testing

/// A run's terminal serves the next run once nothing holds it, reset as new. Terminals are
/// kept for the whole process: the suite assumes no other spawns at the same time (`make test`
/// runs one test at a time).
@Suite("Terminal reuse", .serialized)
struct TerminalReuseTests {
    /// What `script` prints to stdout with its stdin on a terminal; `input` is typed at its
    /// first input request.
    private func output(of script: String, typing input: String? = nil) async throws -> String {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec(script, standardIO: .terminalInput), handlers: recorder.handlers)
        if let input {
            #expect(await eventually { recorder.inputRequests.count == 1 })
            process.writeInput(Array(input.utf8))
        }
        let status = try #require(await finish(process))
        #expect(status.exitCode == 0, "\(recorder.stderrText)")
        return recorder.stdoutText
    }

    /// The name of the run's terminal and its settings as `stty -a` lists them.
    private func terminal(after script: String = "") async throws -> (name: String, settings: String) {
        let lines = try await output(of: "\(script) tty; stty -a").split(separator: "\n", maxSplits: 1)
        let name = try #require(lines.first.map(String.init))
        #expect(name.hasPrefix("/dev/pts/"))
        return (name, lines.dropFirst().joined())
    }

    @Test func theNextRunGetsTheTerminalBackAsNew() async throws {
        let first = try await terminal()
        #expect(first.settings.contains("rows 24; columns 80"), "\(first.settings)")
        // Raw mode, no echo, another size, flow control: all of it must be undone.
        let changed = try await terminal(after: "stty raw -echo cols 10 rows 5 ixon;")
        #expect(changed.name == first.name, "the terminal of the first run serves the second")
        #expect(changed.settings != first.settings)
        let next = try await terminal()
        #expect(next.name == first.name)
        #expect(next.settings == first.settings)
    }

    @Test func inputTheProgramDidNotReadIsDropped() async throws {
        #expect(try await output(of: "read line; echo \"got $line\"", typing: "one\ntwo\n") == "got one\n")
        let next = try await output(of: "exec bash -c 'if read -t 0.2 line; then echo \"left: $line\"; else echo empty; fi'")
        #expect(next == "empty\n")
    }
}
