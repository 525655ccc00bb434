import Foundation
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

        private func startDaemon(runtimePath: String? = nil) async throws -> DaemonHarness {
            try await DaemonHarness.start(language: "python", runtimePath: runtimePath, arguments: ["--no-jupyter", "--input-socket", ""])
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func variablesSurviveBetweenRuns() async throws {
            let daemon = try await startDaemon()
            defer { Task { await daemon.stop() } }
            let define = try await daemon.query("counter = 41\ndef bump():\n    global counter\n    counter += 1")
            #expect(define.exitCode == 0, "stderr: \(define.stderr)")
            let use = try await daemon.query("bump()\nprint(counter)")
            #expect(use.stdout == "42\n", "stderr: \(use.stderr)")
            #expect(use.exitCode == 0)
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func lastExpressionIsShownLikeJupyter() async throws {
            let daemon = try await startDaemon()
            defer { Task { await daemon.stop() } }
            let run = try await daemon.query("40 + 2")
            #expect(run.stdout == "42")
            #expect(run.ops == ["stdout", "finished"])
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func exceptionsGoToStderrWithExitCodeOne() async throws {
            let daemon = try await startDaemon()
            defer { Task { await daemon.stop() } }
            let run = try await daemon.query("print('before')\nraise ValueError('boom')")
            #expect(run.stdout == "before\n")
            #expect(run.stderr.contains("ValueError: boom"))
            #expect(!run.stderr.contains("kernel_runner_driver"), "driver frames leak: \(run.stderr)")
            #expect(run.exitCode == 1)
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func systemExitGivesItsCodeAndTheSessionLivesOn() async throws {
            let daemon = try await startDaemon()
            defer { Task { await daemon.stop() } }
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

        @Test(.enabled(if: python, "python3 is not installed"))
        func interruptStopsTheSnippetAndKeepsState() async throws {
            let daemon = try await startDaemon()
            defer { Task { await daemon.stop() } }
            _ = try await daemon.query("total = 0")
            // Announced once the loop is surely running, so the interrupt cannot come before it.
            daemon.client.send("code", text: "while True:\n    total += 1\n    if total == 1000:\n        print('looping', flush=True)")
            // The line may come in more than one frame.
            var started = try await daemon.collect(until: "stdout").stdout
            while !started.hasSuffix("\n") {
                started += try await daemon.collect(until: "stdout").stdout
            }
            #expect(started == "looping\n")
            daemon.client.send("interrupt")
            let interrupted = try await daemon.collect(until: "finished", timeout: .seconds(10))
            #expect(interrupted.exitCode == 1)
            #expect(interrupted.stderr.contains("KeyboardInterrupt"))
            let after = try await daemon.query("print(total > 0)")
            #expect(after.stdout == "True\n", "stderr: \(after.stderr)")
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func interruptEndsABlockingCallAndTheProgramsOfTheSnippet() async throws {
            let daemon = try await startDaemon()
            defer { Task { await daemon.stop() } }
            _ = try await daemon.query("kept = 'yes'")
            daemon.client.send("code", text: "import subprocess, time\nchild = subprocess.Popen(['sleep', '60'])\nprint(child.pid, flush=True)\ntime.sleep(60)")
            let started = try await daemon.collect(until: "stdout")
            let child = try #require(Int32(started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
            let interruptedAt = ContinuousClock.now
            daemon.client.send("interrupt")
            let interrupted = try await daemon.collect(until: "finished", timeout: .seconds(20))
            #expect(interrupted.exitCode == 1)
            #expect(interrupted.stderr.contains("KeyboardInterrupt"))
            #expect(ContinuousClock.now - interruptedAt < .seconds(1), "sleep() must be cut short, not waited out")
            try await Task.sleep(for: .milliseconds(200))
            // Gone, or a zombie its parent (the interpreter) has not reaped.
            let stat = (try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8)) ?? ""
            #expect(stat.isEmpty || stat.split(separator: ")").last?.split(separator: " ").first == "Z", "the snippet's child survived: \(stat)")
            #expect(try await daemon.query("print(kept)").stdout == "yes\n")
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func interruptWhileIdleChangesNothing() async throws {
            let daemon = try await startDaemon()
            defer { Task { await daemon.stop() } }
            _ = try await daemon.query("value = 7")
            daemon.client.send("interrupt")
            try await Task.sleep(for: .milliseconds(200))
            let after = try await daemon.query("print(value)")
            #expect(after.stdout == "7\n")
            #expect(after.exitCode == 0)
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func aDeadInterpreterIsReportedAndReplaced() async throws {
            let daemon = try await startDaemon()
            defer { Task { await daemon.stop() } }
            _ = try await daemon.query("lost = 1")
            let death = try await daemon.query("import os; os._exit(7)")
            #expect(death.exitCode == 7)
            #expect(death.stderr.contains("ended unexpectedly"), "stderr: \(death.stderr)")
            let fresh = try await daemon.query("print('lost' in globals())")
            #expect(fresh.stdout == "False\n")
            #expect(fresh.exitCode == 0)
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func inputAndGetpassAskWithThePromptFirst() async throws {
            let daemon = try await startDaemon()
            defer { Task { await daemon.stop() } }
            daemon.client.send("code", text: """
                import getpass, sys
                name = input('Name? ')
                sys.stdout.write('Line? '); sys.stdout.flush()
                line = sys.stdin.readline().strip()
                secret = getpass.getpass('Secret? ')
                print(f'{name}|{line}|{len(secret)}')
                """)
            for (prompt, answer, isPassword) in [("Name? ", "Ada", false), ("Line? ", "one line", false), ("Secret? ", "hunter2", true)] {
                let asked = try await daemon.collect(until: "waiting-input")
                #expect(asked.stdout.hasSuffix(prompt), "before the request: \(asked.stdout)")
                #expect(asked.inputIsPassword == isPassword)
                daemon.client.send("input", text: answer)
            }
            let done = try await daemon.collect(until: "finished")
            #expect(done.stdout.contains("Ada|one line|7"), "stdout: \(done.stdout) stderr: \(done.stderr)")
            #expect(!done.stdout.contains("hunter2"))
            #expect(done.exitCode == 0)
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func interruptDuringInputKeepsLaterInputWorking() async throws {
            let daemon = try await startDaemon()
            defer { Task { await daemon.stop() } }
            daemon.client.send("code", text: "first = input('first? ')")
            _ = try await daemon.collect(until: "waiting-input")
            daemon.client.send("interrupt")
            #expect(try await daemon.collect(until: "finished").exitCode == 1)
            let second = try await daemon.query("print('got', input('second? '))", input: "two")
            #expect(second.stdout.contains("got two"), "stdout: \(second.stdout)")
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func completionUsesTheLiveNamespaceEvenWhileBusy() async throws {
            let daemon = try await startDaemon()
            defer { Task { await daemon.stop() } }
            _ = try await daemon.query("my_special_value = 1")
            #expect(try await daemon.complete("pri").contains("print"))
            #expect(try await daemon.complete("my_spe").contains("my_special_value"))

            daemon.client.send("code", text: "import time; time.sleep(3)")
            try await Task.sleep(for: .milliseconds(300))
            let started = ContinuousClock.now
            let busy = try await daemon.complete("my_spe")
            let elapsed = ContinuousClock.now - started
            #expect(busy.contains("my_special_value"))
            // 100 ms is the contract; the margin absorbs a loaded CI machine.
            #expect(elapsed < .milliseconds(400), "completion took \(elapsed) during a run")
            _ = try await daemon.collect(until: "finished")
        }

        @Test(.enabled(if: python, "python3 is not installed"))
        func htmlAndImagesArriveAsJSONMedia() async throws {
            let daemon = try await startDaemon()
            defer { Task { await daemon.stop() } }
            let run = try await daemon.query("""
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
            #expect(run.collapsedOps == ["stdout", "media", "stdout", "media", "finished"], "ops: \(run.ops)")
            #expect(run.stdout == "first\nbetween\n")
            let media = run.media
            #expect(media.count == 2)
            #expect(media.first?.type == "text/html")
            #expect(media.first?.data == #"<table><tr><td>"x"</td></tr></table>"#)
            #expect(media.last?.type == "image/png")
            #expect(media.last?.data == "data:image/png;base64,\(Self.onePixelPNG)")
        }

        @Test(.enabled("no Python with matplotlib") { await matplotlibPython() != nil })
        func matplotlibFiguresBecomePNGMedia() async throws {
            let daemon = try await startDaemon(runtimePath: await Self.matplotlibPython())
            defer { Task { await daemon.stop() } }
            let run = try await daemon.query("import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()\nprint('shown')")
            #expect(run.exitCode == 0, "stderr: \(run.stderr)")
            #expect(run.media.first?.type == "image/png")
            #expect(run.media.first?.data.hasPrefix("data:image/png;base64,iVBOR") == true)
            #expect(run.stdout == "shown\n")
        }

        /// A 1×1 PNG.
        static let onePixelPNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    }
}
