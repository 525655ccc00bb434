import Foundation
import TestSupport
import Testing

extension Interactive {
    /// Query mode through a real ipykernel, spoken to over the Jupyter protocol.
    ///
    /// Needs a Python with ipykernel: `KERNEL_RUNNER_IPYKERNEL_PYTHON`, else
    /// `.build-venv/ipykernel/bin/python3` (made by `scripts/install-deps --toolchains`). The
    /// daemon finds the kernelspec ipykernel installs under that Python's prefix.
    @Suite("Jupyter kernel bridge", .timeLimit(.minutes(5)))
    struct JupyterBridgeTests {
        static let python = Toolchain.ipykernelPython
        static let available = Toolchain.hasIPyKernel

        /// Runs `body` with a daemon whose query mode is ipykernel (see ``withDaemon``).
        private func withKernel(sourceLocation: SourceLocation = #_sourceLocation, _ body: (DaemonHarness) async throws -> Void)
            async throws
        {
            try await withDaemon(
                language: "python", runtimePath: Self.python, arguments: ["--input-socket", ""], sourceLocation: sourceLocation, body)
        }

        /// The live (not zombie) children of `pid`, but for the symbolizer a sanitizer build of
        /// the daemon starts at once (`krs_start_sanitizer_symbolizer`).
        private static func children(of pid: pid_t) -> [ProcessTable.Entry] {
            ProcessTable.entries().filter { $0.parent == pid && $0.state != "Z" && $0.command != "llvm-symbolizer" }
        }

        @Test(.enabled(if: available, "no Python with ipykernel (see the suite's documentation)"))
        func stateOutputErrorsAndExitCodes() async throws {
            try await withKernel { daemon in
                let kernel = try await daemon.query("import sys; print(type(get_ipython()).__name__)")
                #expect(kernel.stdout == "ZMQInteractiveShell\n", "not a Jupyter kernel: \(kernel.stdout) \(kernel.stderr)\n\(daemon.log)")
                #expect(try await daemon.query("x = 20").exitCode == 0)
                let sum = try await daemon.query("x * 2 + 2")
                #expect(sum.stdout == "42")
                let failure = try await daemon.query("raise ValueError('boom')")
                #expect(failure.exitCode == 1)
                #expect(failure.stderr.contains("ValueError: boom"), "stderr: \(failure.stderr)")
                #expect(!failure.stderr.contains("\u{1B}["), "ANSI colours must be removed")
                #expect(try await daemon.query("sys.exit(3)").exitCode == 3)
                #expect(try await daemon.query("sys.exit()").exitCode == 0)
                #expect(try await daemon.query("print(x)").stdout == "20\n")
            }
        }

        /// Runs `body` with a daemon whose only kernelspec runs `Fixtures/fake_kernel.py` with
        /// `options` (see ``withDaemon``).
        private func withFakeKernel(
            _ options: [String], sourceLocation: SourceLocation = #_sourceLocation, _ body: (DaemonHarness) async throws -> Void
        ) async throws {
            let root = try TemporaryDirectory.make(prefix: "kr-fake-kernel-")
            let kernels = root + "/jupyter/kernels/python-fake"
            try FileManager.default.createDirectory(atPath: kernels, withIntermediateDirectories: true)
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("Fixtures/fake_kernel.py").path
            let spec =
                ["argv": [Self.python, script, "-f", "{connection_file}"] + options, "display_name": "fake", "language": "python"]
                as [String: Any]
            try JSONSerialization.data(withJSONObject: spec).write(to: URL(fileURLWithPath: kernels + "/kernel.json"))
            try await withDaemon(
                language: "python", runtimePath: Self.python, arguments: ["--input-socket", ""],
                environment: ["JUPYTER_PATH": root + "/jupyter"], sourceLocation: sourceLocation, body)
        }

        /// The kernel's stdin ROUTER drops an input request for a peer whose connection is not
        /// up yet, then waits for the answer forever: a run that asked for input right after the
        /// kernel started got no frame at all. The kernel counts as ready only once stdin is
        /// connected.
        @Test(.enabled(if: available, "no Python with ipykernel (see the suite's documentation)"))
        func inputWorksRightAfterAKernelWhoseStdinListensLate() async throws {
            try await withFakeKernel(["--stdin-delay", "1.5"]) { daemon in
                let run = try await daemon.query("input()", input: "Ada", timeout: TimeBound.hang(after: .seconds(30)))
                #expect(run.stdout == "? got Ada\n", "stderr: \(run.stderr)\n\(daemon.log)")
            }
        }

        /// A live kernel that never takes up a snippet does not hold the run forever: the run
        /// ends with a line on stderr, and the next one starts a new kernel.
        @Test(.enabled(if: available, "no Python with ipykernel (see the suite's documentation)"))
        func aSnippetTheKernelNeverTakesUpEndsTheRun() async throws {
            try await withFakeKernel(["--ignore-execute"]) { daemon in
                let run = try await daemon.query("1", timeout: TimeBound.hang(after: .seconds(60)))
                #expect(run.exitCode != 0)
                #expect(run.stderr.contains("did not start the snippet within 30"), "stderr: \(run.stderr)")
            }
        }

        /// `app` images only serve apps: any installed kernelspec answers query mode, and the
        /// batch steps do nothing.
        @Test(.enabled(if: available, "no Python with ipykernel (see the suite's documentation)"))
        func theAppRuntimeQueriesAnyKernelAndSkipsBatchSteps() async throws {
            try await withDaemon(language: "app", runtimePath: Self.python, arguments: ["--input-socket", ""]) { daemon in
                let kernel = try await daemon.query("print(type(get_ipython()).__name__)")
                #expect(kernel.stdout == "ZMQInteractiveShell\n", "stderr: \(kernel.stderr)\n\(daemon.log)")
                try "print('not run')\n".write(toFile: daemon.workDirectory + "/main.py", atomically: true, encoding: .utf8)
                let batch = try await daemon.batch(clean: "*", build: "*", exec: "*")
                #expect(batch.map(\.exitCode) == [0, 0, 0])
                #expect(batch.allSatisfy { $0.stdout.isEmpty && $0.stderr.isEmpty })
            }
        }

        @Test(.enabled(if: available, "no Python with ipykernel (see the suite's documentation)"))
        func theKernelStartsOnFirstUseNotWithTheDaemon() async throws {
            try await withKernel { daemon in
                // The claim is that nothing happens: a kernel started at boot would be a child
                // within 500 ms.
                try await Task.sleep(for: TimeBound.quiet(for: .milliseconds(500)))
                #expect(Self.children(of: daemon.pid).isEmpty, "an idle daemon runs no interpreter")
                // The first completion is the fallback's, and starts the kernel in the background
                // (`get_ipython` is a name only the kernel knows).
                let first = try await daemon.complete("get_ipy")
                #expect(!first.contains("get_ipython"))
                let live = await eventually(within: TimeBound.hang(after: .seconds(60))) {
                    (try? await daemon.complete("get_ipy"))?.contains("get_ipython") == true
                }
                #expect(live, "the kernel's completions never came; log: \(daemon.log)")
                #expect(try await daemon.query("print(1)").stdout == "1\n")
            }
        }

        @Test(.enabled(if: available, "no Python with ipykernel (see the suite's documentation)"))
        func aShutdownDuringTheKernelStartLeavesNoKernel() async throws {
            try await withKernel { daemon in
                try daemon.client.send(.code("print(1)"))
                var kernel: pid_t?
                _ = await eventually(within: TimeBound.hang(after: .seconds(5))) {
                    kernel = Self.children(of: daemon.pid).first?.pid
                    return kernel != nil
                }
                let stop = await daemon.stop()
                #expect(stop.status?.reason == .exited(0), "log: \(daemon.log)")
                let pid = try #require(kernel, "the first code run started no kernel")
                // Stopped with the daemon (gone, or a zombie not yet collected), not left to start.
                let left = ProcessTable.entry(pid)
                #expect(left == nil || left?.state == "Z", "the kernel outlived the daemon: \(left.map(String.init(describing:)) ?? "")")
            }
        }

        @Test(.enabled(if: available, "no Python with ipykernel (see the suite's documentation)"))
        func interruptKeepsTheKernelState() async throws {
            try await withKernel { daemon in
                _ = try await daemon.query("n = 0")
                // Announced once the loop is surely running, so the interrupt cannot come before it.
                try daemon.client.send(.code("while True:\n    n += 1\n    if n == 1000:\n        print('looping', flush=True)"))
                _ = try await daemon.collect(until: .stdout)
                try daemon.client.send(.interrupt)
                let interrupted = try await daemon.collect(until: .finished, timeout: TimeBound.hang(after: .seconds(20)))
                #expect(interrupted.exitCode == 1)
                #expect(interrupted.stderr.contains("KeyboardInterrupt"))
                #expect(try await daemon.query("print(n > 0)").stdout == "True\n")
            }
        }

        @Test(.enabled(if: available, "no Python with ipykernel (see the suite's documentation)"))
        func aDeadKernelIsReportedAndReplaced() async throws {
            try await withKernel { daemon in
                _ = try await daemon.query("lost = 1")
                let death = try await daemon.query("import os; os._exit(9)")
                #expect(death.exitCode == 9)
                #expect(death.stderr.contains("the Jupyter kernel \"python3\" ended unexpectedly"), "stderr: \(death.stderr)")
                let fresh = try await daemon.query("print('lost' in globals())")
                #expect(fresh.stdout == "False\n", "stderr: \(fresh.stderr)")
            }
        }

        @Test(.enabled(if: available, "no Python with ipykernel (see the suite's documentation)"))
        func inputRequestsCarryThePromptAndPasswordFlag() async throws {
            try await withKernel { daemon in
                try daemon.client.send(
                    .code("import getpass\nname = input('Name? ')\nsecret = getpass.getpass('Secret? ')\nprint(name, len(secret))"))
                for (prompt, answer, isPassword) in [("Name? ", "Ada\n", false), ("Secret? ", "hunter2", true)] {
                    let asked = try await daemon.collect(until: .waitingInput)
                    #expect(asked.stdout.hasSuffix(prompt), "before the request: \(asked.stdout)")
                    #expect(asked.inputIsPassword == isPassword)
                    try daemon.client.send(.input(answer))
                }
                let done = try await daemon.collect(until: .finished)
                #expect(done.stdout.contains("Ada 7"), "stdout: \(done.stdout) stderr: \(done.stderr)")
            }
        }

        @Test(.enabled(if: available, "no Python with ipykernel (see the suite's documentation)"))
        func completionAndMediaComeFromTheKernel() async throws {
            try await withKernel { daemon in
                _ = try await daemon.query("jupyter_only_name = 1")
                #expect(try await daemon.complete("pri").contains("print"))
                #expect(try await daemon.complete("jupyter_only_").contains("jupyter_only_name"))
                let run = try await daemon.query(
                    """
                    from IPython.display import HTML, Image, display
                    import base64
                    display(HTML('<b>"bold"</b>'))
                    Image(data=base64.b64decode('\(PythonSessionTests.onePixelPNG)'))
                    """)
                #expect(run.exitCode == 0, "stderr: \(run.stderr)")
                #expect(run.media.map(\.type) == ["text/html", "image/png"], "ops: \(run.ops)")
                #expect(run.media.first?.data == #"<b>"bold"</b>"#)
                #expect(run.media.last?.data == "data:image/png;base64,\(PythonSessionTests.onePixelPNG)")
            }
        }

        @Test(
            .enabled(if: available, "no Python with ipykernel (see the suite's documentation)"),
            .enabled("no ipykernel with matplotlib") { await PythonModules.required(["matplotlib"], python: python) })
        func matplotlibFiguresAreImages() async throws {
            try await withKernel { daemon in
                let run = try await daemon.query("%matplotlib inline\nimport matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()")
                #expect(run.exitCode == 0, "stderr: \(run.stderr)")
                #expect(run.media.first?.type == "image/png")
                #expect(run.media.first?.data.hasPrefix("data:image/png;base64,iVBOR") == true)
            }
        }
    }
}
