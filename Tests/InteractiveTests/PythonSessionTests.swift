import Foundation
import TestSupport
import Testing

/// The namespace of the interactive suites, so `swift test --filter Interactive` selects them.
enum Interactive {}

extension Interactive {
    /// Stateful Python query mode through the built-in driver (`--no-jupyter`, so the result does
    /// not depend on whether a kernelspec happens to be installed).
    @Suite("Python query mode with state", .timeLimit(.minutes(3)))
    struct PythonSessionTests {
        static let python = Toolchain.available("python3")

        /// A Python with matplotlib, if any: the ipykernel test venv has it.
        static func matplotlibPython() async -> String? {
            for python in [JupyterBridgeTests.python, "python3"] {
                if await PythonModules.available(["matplotlib"], python: python) { return python }
            }
            return nil
        }

        /// Runs `body` with a daemon whose query mode is the built-in driver (see ``withDaemon``).
        private func withSession(
            runtimePath: String? = nil, sourceLocation: SourceLocation = #_sourceLocation, _ body: (DaemonHarness) async throws -> Void
        ) async throws {
            try await withDaemon(
                language: "python", runtimePath: runtimePath, arguments: ["--no-jupyter", "--input-socket", ""],
                sourceLocation: sourceLocation, body)
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func variablesSurviveBetweenRuns() async throws {
            try await withSession { daemon in
                let define = try await daemon.query("counter = 41\ndef bump():\n    global counter\n    counter += 1")
                #expect(define.exitCode == 0, "stderr: \(define.stderr)")
                let use = try await daemon.query("bump()\nprint(counter)")
                #expect(use.stdout == "42\n", "stderr: \(use.stderr)")
                #expect(use.exitCode == 0)
            }
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func lastExpressionIsShownLikeJupyter() async throws {
            try await withSession { daemon in
                let run = try await daemon.query("40 + 2")
                #expect(run.stdout == "42")
                #expect(run.ops == [.stdout, .finished])
            }
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func exceptionsGoToStderrWithExitCodeOne() async throws {
            try await withSession { daemon in
                let run = try await daemon.query("print('before')\nraise ValueError('boom')")
                #expect(run.stdout == "before\n")
                #expect(run.stderr.contains("ValueError: boom"))
                #expect(!run.stderr.contains("kernel_runner_driver"), "driver frames leak: \(run.stderr)")
                #expect(run.exitCode == 1)
            }
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func systemExitGivesItsCodeAndTheSessionLivesOn() async throws {
            try await withSession { daemon in
                _ = try await daemon.query("kept = 'yes'")
                #expect(try await daemon.query("import sys; sys.exit(3)").exitCode == 3)
                #expect(try await daemon.query("sys.exit()").exitCode == 0)
                let message = try await daemon.query("sys.exit('bye')")
                #expect(message.exitCode == 1)
                #expect(message.stderr == "bye\n")
                let after = try await daemon.query("print(kept)")
                #expect(after.stdout == "yes\n")
                #expect(after.exitCode == 0)
            }
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func interruptStopsTheSnippetAndKeepsState() async throws {
            try await withSession { daemon in
                _ = try await daemon.query("total = 0")
                // Announced once the loop is surely running, so the interrupt cannot come before it.
                try daemon.client.send(.code("while True:\n    total += 1\n    if total == 1000:\n        print('looping', flush=True)"))
                // The line may come in more than one frame.
                var started = try await daemon.collect(until: .stdout).stdout
                while !started.hasSuffix("\n") {
                    started += try await daemon.collect(until: .stdout).stdout
                }
                #expect(started == "looping\n")
                try daemon.client.send(.interrupt)
                let interrupted = try await daemon.collect(until: .finished, timeout: TimeBound.hang(after: .seconds(10)))
                #expect(interrupted.exitCode == 1)
                #expect(interrupted.stderr.contains("KeyboardInterrupt"))
                let after = try await daemon.query("print(total > 0)")
                #expect(after.stdout == "True\n", "stderr: \(after.stderr)")
            }
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func interruptEndsABlockingCallAndTheProgramsOfTheSnippet() async throws {
            try await withSession { daemon in
                _ = try await daemon.query("kept = 'yes'")
                try daemon.client.send(
                    .code(
                        "import subprocess, time\nchild = subprocess.Popen(['sleep', '60'])\nprint(child.pid, flush=True)\ntime.sleep(60)"))
                let started = try await daemon.collect(until: .stdout)
                let child = try #require(Int32(started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
                let interruptedAt = ContinuousClock.now
                try daemon.client.send(.interrupt)
                let interrupted = try await daemon.collect(until: .finished, timeout: TimeBound.hang(after: .seconds(20)))
                #expect(interrupted.exitCode == 1)
                #expect(interrupted.stderr.contains("KeyboardInterrupt"))
                #expect(ContinuousClock.now - interruptedAt < TimeBound.interrupt, "sleep() must be cut short, not waited out")
                // Gone, or a zombie its parent (the interpreter) has not reaped.
                let ended = await eventually {
                    let entry = ProcessTable.entry(child)
                    return entry == nil || entry?.state == "Z"
                }
                #expect(ended, "the snippet's child survived: \(ProcessTable.entry(child).map(String.init(describing:)) ?? "")")
                #expect(try await daemon.query("print(kept)").stdout == "yes\n")
            }
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func interruptWhileIdleChangesNothing() async throws {
            try await withSession { daemon in
                _ = try await daemon.query("value = 7")
                // Handled in order: the interrupt finds no snippet, before the next one comes.
                try daemon.client.send(.interrupt)
                let after = try await daemon.query("print(value)")
                #expect(after.stdout == "7\n")
                #expect(after.exitCode == 0)
            }
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func aDeadInterpreterIsReportedAndReplaced() async throws {
            try await withSession { daemon in
                _ = try await daemon.query("lost = 1")
                let death = try await daemon.query("import os; os._exit(7)")
                #expect(death.exitCode == 7)
                #expect(death.stderr.contains("ended unexpectedly"), "stderr: \(death.stderr)")
                let fresh = try await daemon.query("print('lost' in globals())")
                #expect(fresh.stdout == "False\n")
                #expect(fresh.exitCode == 0)
            }
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func inputAndGetpassAskWithThePromptFirst() async throws {
            try await withSession { daemon in
                try daemon.client.send(
                    .code(
                        """
                        import getpass, sys
                        name = input('Name? ')
                        sys.stdout.write('Line? '); sys.stdout.flush()
                        line = sys.stdin.readline().strip()
                        secret = getpass.getpass('Secret? ')
                        print(f'{name}|{line}|{len(secret)}')
                        """))
                for (prompt, answer, isPassword) in [
                    ("Name? ", "Ada", false), ("Line? ", "one line", false), ("Secret? ", "hunter2", true),
                ] {
                    let asked = try await daemon.collect(until: .waitingInput)
                    #expect(asked.stdout.hasSuffix(prompt), "before the request: \(asked.stdout)")
                    #expect(asked.inputIsPassword == isPassword)
                    try daemon.client.send(.input(answer))
                }
                let done = try await daemon.collect(until: .finished)
                #expect(done.stdout.contains("Ada|one line|7"), "stdout: \(done.stdout) stderr: \(done.stderr)")
                #expect(!done.stdout.contains("hunter2"))
                #expect(done.exitCode == 0)
            }
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func interruptDuringInputKeepsLaterInputWorking() async throws {
            try await withSession { daemon in
                try daemon.client.send(.code("first = input('first? ')"))
                _ = try await daemon.collect(until: .waitingInput)
                try daemon.client.send(.interrupt)
                let interrupted = try await daemon.collect(until: .finished)
                #expect(interrupted.exitCode == 1)
                #expect(interrupted.stderr.contains("KeyboardInterrupt"), "stderr: \(interrupted.stderr)")
                // The request the interrupt left unanswered gets nothing: an empty line written
                // for it would answer this read, without a `waiting-input`.
                let second = try await daemon.query("print('got', input('second? '))", input: "two")
                #expect(second.stdout == "second? got two\n", "stdout: \(second.stdout) stderr: \(second.stderr)")
                #expect(second.exitCode == 0)
            }
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func completionUsesTheLiveNamespaceEvenWhileBusy() async throws {
            try await withSession { daemon in
                _ = try await daemon.query("my_special_value = 1")
                #expect(try await daemon.complete("pri").contains("print"))
                #expect(try await daemon.complete("my_spe").contains("my_special_value"))

                try daemon.client.send(.code("import time\nprint('busy', flush=True)\ntime.sleep(100)"))
                _ = try await daemon.next(.stdout)
                let started = ContinuousClock.now
                let busy = try await daemon.complete("my_spe")
                let elapsed = ContinuousClock.now - started
                #expect(busy.contains("my_special_value"))
                #expect(elapsed < TimeBound.busyCompletion, "completion took \(elapsed) during a run")
                try daemon.client.send(.interrupt)
                _ = try await daemon.collect(until: .finished)
            }
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func htmlAndImagesArriveAsJSONMedia() async throws {
            try await withSession { daemon in
                let run = try await daemon.query(
                    """
                    import base64
                    class Table:
                        def _repr_html_(self):
                            return '<table><tr><td>"x"</td></tr></table>'
                    class Dot:
                        def _repr_png_(self):
                            return base64.b64decode('\(Self.onePixelPNG)')
                    print('first')
                    display(Table())
                    print('between')
                    Dot()
                    """)
                #expect(run.exitCode == 0, "stderr: \(run.stderr)")
                #expect(run.collapsedOps == [.stdout, .media, .stdout, .media, .finished], "ops: \(run.ops)")
                #expect(run.stdout == "first\nbetween\n")
                let media = run.media
                #expect(media.count == 2)
                #expect(media.first?.type == "text/html")
                #expect(media.first?.data == #"<table><tr><td>"x"</td></tr></table>"#)
                #expect(media.last?.type == "image/png")
                #expect(media.last?.data == "data:image/png;base64,\(Self.onePixelPNG)")
            }
        }

        /// In CI a Python without matplotlib fails the test.
        @Test(
            .enabled("no Python with matplotlib") {
                if Toolchain.isCI { return true }
                return await matplotlibPython() != nil
            })
        func matplotlibFiguresBecomePNGMedia() async throws {
            let python = try #require(await Self.matplotlibPython(), "no Python with matplotlib")
            try await withSession(runtimePath: python) { daemon in
                let run = try await daemon.query("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()\nprint('shown')")
                #expect(run.exitCode == 0, "stderr: \(run.stderr)")
                #expect(run.media.first?.type == "image/png")
                #expect(run.media.first?.data.hasPrefix("data:image/png;base64,iVBOR") == true)
                #expect(run.stdout == "shown\n")
            }
        }

        /// A 1×1 PNG.
        static let onePixelPNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    }
}
