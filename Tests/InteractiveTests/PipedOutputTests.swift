import Foundation
import TestSupport
import Testing

extension Interactive {
    /// Batch runs of a runner whose runtime flushes its own prompts: stdout and stderr are pipes.
    @Suite("Batch runs with piped output", .timeLimit(.minutes(2)))
    struct PipedOutputTests {
        /// `PYTHONUNBUFFERED` for batch runs: a line printed before a pause arrives before the
        /// pause ends, in frames of its own, as it did on the terminal.
        @Test(.enabled(if: Toolchain.available("python3"), "python3 is not installed"))
        func pythonOutputStreamsBeforeTheProgramEnds() async throws {
            try await withDaemon(
                language: "python",
                prepare: { work, _ in
                    try ProjectFiles.write(
                        ["p.py": "import sys, time\nprint('first')\ntime.sleep(0.5)\nprint('second', sys.stdout.isatty())\n"], into: work)
                }
            ) { daemon in
                let run = try await daemon.batch(exec: "python3 p.py")[2]
                #expect(run.exitCode == 0, "stderr: \(run.stderr)")
                let frames = run.messages.filter { $0.kind == .stdout }.map { String(decoding: $0.payload, as: UTF8.self) }
                let beforePause = frames.prefix { !$0.contains("second") }
                #expect(beforePause.joined() == "first\n", "frames: \(frames)")
                #expect(frames.joined() == "first\nsecond False\n")
            }
        }

        /// What a program writes to its terminal (`/dev/tty`) arrives as stdout too.
        @Test func writesToTheTerminalArriveAsStdout() async throws {
            try await withDaemon(language: "python") { daemon in
                let run = try await daemon.batch(exec: "echo to the terminal > /dev/tty; sleep 0.2; echo to stdout")[2]
                #expect(run.exitCode == 0, "stderr: \(run.stderr)")
                #expect(run.stdout == "to the terminal\nto stdout\n")
            }
        }
    }
}
