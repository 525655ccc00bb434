import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("git (shell) session", .timeLimit(.minutes(2)))
    struct ShellSession {
        @Test(.enabled(if: Toolchain.available("bash", "git"), "bash or git is not installed"))
        func stateSurvivesBetweenCells() async throws {
            try await SessionScenario(
                language: "git",
                define: "counter=41\nbump() { echo $((counter + 1)); }\n",
                use: "bump\n",
                failing: "ls /kernel-runner-no-such-dir\n",
                errorMessage: "No such file or directory",
                endlessLoop: "echo looping\nwhile :; do :; done\n",
                interruptedExitCode: 130,
                greeter: "read -r name\necho \"hi $name\"\n",
                completion: ("bum", "bump"),
                crash: "builtin exit 3\n",
                stateLost: "[ -z \"$counter\" ] && echo lost || echo kept\n"
            ).run { daemon in
                // cd survives; `exit` ends the cell, not the shell.
                _ = try await daemon.query("mkdir -p sub && cd sub")
                #expect(try await daemon.query("basename \"$PWD\"").stdout == "sub\n")
                let exited = try await daemon.query("kept=yes; exit 4")
                #expect(exited.exitCode == 4)
                #expect(try await daemon.query("echo $kept").stdout == "yes\n")
                // What a cell leaves running is stopped as it ends: nothing of it reaches the next.
                _ = try await daemon.query("(sleep 0.2; echo late) &\n")
                let next = try await daemon.query("sleep 0.4; echo next\n")
                #expect(next.stdout == "next\n", "stderr: \(next.stderr)")
                #expect(next.stderr == "")
            }
        }

        /// The run limits stop a cell as an interrupt does: the state stays, the reason is given.
        @Test(.enabled(if: Toolchain.available("bash"), "bash is not installed"))
        func limitsStopTheCellAndKeepTheState() async throws {
            try await withDaemon(language: "git", arguments: ["--limit-wall-time", "1", "--limit-output", "1M"]) { daemon in
                _ = try await daemon.query("kept=yes\n")
                let slow = try await daemon.query("sleep 30\n")
                #expect(slow.result?.reason == .timeout)
                #expect(slow.exitCode == 130)
                let loud = try await daemon.query("yes\n")
                #expect(loud.result?.reason == .outputLimit)
                #expect(loud.stdoutBytes.count == 1 << 20)
                #expect(loud.stderr.contains("output limit of 1048576 bytes reached"))
                let after = try await daemon.query("echo $kept\n")
                #expect(after.stdout == "yes\n", "stderr: \(after.stderr)")
                #expect(after.result?.reason == nil)
            }
        }
    }
}
