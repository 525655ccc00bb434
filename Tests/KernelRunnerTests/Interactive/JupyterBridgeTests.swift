import Foundation
import Testing

extension Interactive {
    /// Query mode through a real ipykernel, spoken to over the Jupyter protocol.
    ///
    /// Needs a Python with ipykernel: `KERNEL_RUNNER_IPYKERNEL_PYTHON`, else
    /// `.build-venv/ipykernel/bin/python3` (made by `scripts/install-deps --toolchains`). The
    /// daemon finds the kernelspec ipykernel installs under that Python's prefix.
    @Suite("Jupyter kernel bridge", .timeLimit(.minutes(5)))
    struct JupyterBridgeTests {
        static let python: String = ProcessInfo.processInfo.environment["KERNEL_RUNNER_IPYKERNEL_PYTHON"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build-venv/ipykernel/bin/python3").path
        static let available = Toolchain.isCI || FileManager.default.isExecutableFile(atPath: python)

        private func startDaemon() async throws -> DaemonHarness {
            try await DaemonHarness.start(language: "python", runtimePath: Self.python, arguments: ["--input-socket", ""])
        }

        /// The live (not zombie) children of `pid`.
        private static func children(of pid: pid_t) -> [ProcessTable.Entry] {
            ProcessTable.entries().filter { $0.parent == pid && $0.state != "Z" }
        }

        @Test(.enabled(if: available, "no Python with ipykernel (see the suite's documentation)"))
        func stateOutputErrorsAndExitCodes() async throws {
            let daemon = try await startDaemon()
            defer { Task { await daemon.stop() } }
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

        @Test(.enabled(if: available, "no Python with ipykernel (see the suite's documentation)"))
        func theKernelStartsOnFirstUseNotWithTheDaemon() async throws {
            let daemon = try await startDaemon()
            defer { Task { await daemon.stop() } }
            // Long enough for a kernel started at boot to show up as a child.
            try await Task.sleep(for: .milliseconds(500))
            #expect(Self.children(of: daemon.pid).isEmpty, "an idle daemon runs no interpreter")
            // The first completion is the fallback's, and starts the kernel in the background
            // (`get_ipython` is a name only the kernel knows).
            let first = try await daemon.complete("get_ipy")
            #expect(!first.contains("get_ipython"))
            var live: [String] = []
            for _ in 0..<240 where !live.contains("get_ipython") {
                try await Task.sleep(for: .milliseconds(250))
                live = try await daemon.complete("get_ipy")
            }
            #expect(live.contains("get_ipython"), "log: \(daemon.log)")
            #expect(try await daemon.query("print(1)").stdout == "1\n")
        }

        @Test(.enabled(if: available, "no Python with ipykernel (see the suite's documentation)"))
        func aShutdownDuringTheKernelStartLeavesNoKernel() async throws {
            let daemon = try await startDaemon()
            daemon.client.send("code", text: "print(1)")
            var kernel: pid_t?
            for _ in 0..<1000 where kernel == nil {
                kernel = Self.children(of: daemon.pid).first?.pid
                try await Task.sleep(for: .milliseconds(5))
            }
            let stop = await daemon.stop()
            #expect(stop.status?.exitCode == 0, "log: \(daemon.log)")
            let pid = try #require(kernel, "the first code run started no kernel")
            // Stopped with the daemon (gone, or a zombie not yet collected), not left to start.
            let left = ProcessTable.entry(pid)
            #expect(left.map { $0.state == "Z" } ?? true, "the kernel outlived the daemon: \(left.map(String.init(describing:)) ?? "")")
        }

        @Test(.enabled(if: available, "no Python with ipykernel (see the suite's documentation)"))
        func interruptKeepsTheKernelState() async throws {
            let daemon = try await startDaemon()
            defer { Task { await daemon.stop() } }
            _ = try await daemon.query("n = 0")
            // Announced once the loop is surely running, so the interrupt cannot come before it.
            daemon.client.send("code", text: "while True:\n    n += 1\n    if n == 1000:\n        print('looping', flush=True)")
            _ = try await daemon.collect(until: "stdout")
            daemon.client.send("interrupt")
            let interrupted = try await daemon.collect(until: "finished", timeout: .seconds(20))
            #expect(interrupted.exitCode == 1)
            #expect(interrupted.stderr.contains("KeyboardInterrupt"))
            #expect(try await daemon.query("print(n > 0)").stdout == "True\n")
        }

        @Test(.enabled(if: available, "no Python with ipykernel (see the suite's documentation)"))
        func aDeadKernelIsReportedAndReplaced() async throws {
            let daemon = try await startDaemon()
            defer { Task { await daemon.stop() } }
            _ = try await daemon.query("lost = 1")
            let death = try await daemon.query("import os; os._exit(9)")
            #expect(death.exitCode == 9)
            #expect(death.stderr.contains("the Jupyter kernel \"python3\" ended unexpectedly"), "stderr: \(death.stderr)")
            let fresh = try await daemon.query("print('lost' in globals())")
            #expect(fresh.stdout == "False\n", "stderr: \(fresh.stderr)")
        }

        @Test(.enabled(if: available, "no Python with ipykernel (see the suite's documentation)"))
        func inputRequestsCarryThePromptAndPasswordFlag() async throws {
            let daemon = try await startDaemon()
            defer { Task { await daemon.stop() } }
            daemon.client.send("code", text: "import getpass\nname = input('Name? ')\nsecret = getpass.getpass('Secret? ')\nprint(name, len(secret))")
            for (prompt, answer, isPassword) in [("Name? ", "Ada\n", false), ("Secret? ", "hunter2", true)] {
                let asked = try await daemon.collect(until: "waiting-input")
                #expect(asked.stdout.hasSuffix(prompt), "before the request: \(asked.stdout)")
                #expect(asked.inputIsPassword == isPassword)
                daemon.client.send("input", text: answer)
            }
            let done = try await daemon.collect(until: "finished")
            #expect(done.stdout.contains("Ada 7"), "stdout: \(done.stdout) stderr: \(done.stderr)")
        }

        @Test(.enabled(if: available, "no Python with ipykernel (see the suite's documentation)"))
        func completionAndMediaComeFromTheKernel() async throws {
            let daemon = try await startDaemon()
            defer { Task { await daemon.stop() } }
            _ = try await daemon.query("jupyter_only_name = 1")
            #expect(try await daemon.complete("pri").contains("print"))
            #expect(try await daemon.complete("jupyter_only_").contains("jupyter_only_name"))
            let run = try await daemon.query("""
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

        @Test(
            .enabled(if: available, "no Python with ipykernel (see the suite's documentation)"),
            .enabled("no ipykernel with matplotlib") { await PythonModules.available(["matplotlib"], python: python) })
        func matplotlibFiguresAreImages() async throws {
            let daemon = try await startDaemon()
            defer { Task { await daemon.stop() } }
            let run = try await daemon.query("%matplotlib inline\nimport matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()")
            #expect(run.exitCode == 0, "stderr: \(run.stderr)")
            #expect(run.media.first?.type == "image/png")
            #expect(run.media.first?.data.hasPrefix("data:image/png;base64,iVBOR") == true)
        }
    }
}
