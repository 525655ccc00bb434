import Foundation
import ProcessSupervision
import TestSupport
import Testing

@testable import KernelRunnerCore

@Suite("Commands run without the shell")
struct PlainCommandTests {
    @Test(
        arguments: [
            ("true", "true", []),
            ("python3 main.py", "python3", ["main.py"]),
            ("  ./a.out  -n 3 ", "./a.out", ["-n", "3"]),
            ("make CC=gcc all", "make", ["CC=gcc", "all"]),
            ("java -cp lib/x.jar:. Main", "java", ["-cp", "lib/x.jar:.", "Main"]),
            ("curl -u a@b,c+d%e http://x", "curl", ["-u", "a@b,c+d%e", "http://x"]),
        ] as [(String, String, [String])])
    func plainCommandsAreSplitOnSpaces(command: String, program: String, arguments: [String]) throws {
        let plain = try #require(PlainCommand(command))
        #expect(plain.program == program)
        #expect(plain.arguments == arguments)
    }

    @Test(arguments: [
        "", "   ", "echo hi", "cd /tmp", "exit 3", ". ./env.sh", ": nothing", "source x", "export A=1",
        "A=1 env", "=x y", "ls *.c", "ls a?", "cat <in", "echo >out", "a | b", "a; b", "a && b", "a & ", "(a)",
        "{ a; }", "echo $HOME", "echo `date`", "echo 'q'", "echo \"q\"", "ls ~", "a # comment", "! a", "a\\ b",
        "a\tb", "a\nb", "[ -f x ]", "if true", "while x", "time ls", "exec ls", "printf x", "kill 1", "pwd",
        "test -f x", "read x", "ulimit -n", "umask 022", "ls é",
    ])
    func shellSyntaxNeedsTheShell(command: String) {
        #expect(PlainCommand(command) == nil)
    }

    @Test func programsGetThePWDTheShellExports() throws {
        let directory = FileManager.default.temporaryDirectory.path
        let physical = try #require(
            realpath(directory, nil).map { path in
                defer { free(path) }
                return String(cString: path)
            })
        #expect(PlainCommand.environment(["A": "1"], workingDirectory: directory) == ["A": "1", "PWD": physical])
        #expect(PlainCommand.environment(["PWD": "/nonexistent"], workingDirectory: directory)["PWD"] == physical)
        #expect(
            PlainCommand.environment(["PWD": physical + "/."], workingDirectory: directory)["PWD"] == physical + "/.",
            "an inherited PWD naming the directory stays")
        #expect(PlainCommand.environment(["PWD": directory], workingDirectory: directory)["PWD"] == directory)
    }

    @Test(
        arguments: [
            (TerminationStatus.Reason.exited(3), 3, nil),
            (.signaled(SIGSEGV), 139, "Segmentation fault\n"),
            (.signaled(SIGKILL), 137, "Killed\n"),
            (.signaled(SIGTERM), 143, "Terminated\n"),
            (.signaled(SIGPIPE), 141, nil),
            (.signaled(SIGINT), -2, nil),
        ] as [(TerminationStatus.Reason, Int, String?)])
    func signalDeathsAreReportedLikeTheShell(reason: TerminationStatus.Reason, exitCode: Int, message: String?) {
        let status = TerminationStatus(reason: reason, wallTime: .zero, cpuTime: .zero, maxRSSBytes: 0)
        let report = status.asReportedByShell()
        #expect(report.status.exitCode == exitCode)
        #expect(report.message == message)
    }

    @Test func aCoreDumpIsMentioned() {
        var status = TerminationStatus(reason: .signaled(SIGABRT), wallTime: .zero, cpuTime: .zero, maxRSSBytes: 0)
        status.coreDumped = true
        #expect(status.asReportedByShell().message == "Aborted (core dumped)\n")
        #expect(status.asReportedByShell().status.reason == .exited(134))
    }
}

extension PlainCommandTests {
    /// Each command once directly (plain) and once through the shell (an added `;` makes it
    /// shell syntax): the agent sees the same frames.
    @Test(arguments: [
        ("./crash", 139, "Segmentation fault"),
        ("./no-shebang", 0, ""),
        ("no-such-program-here x", 127, "not found"),
        ("./env-pwd", 0, ""),
    ])
    func directRunsLookLikeShellRuns(plain: String, exitCode: Int, stderr: String) async throws {
        try await withDaemon(
            language: "c",
            prepare: { work, _ in
                try ProjectFiles.write(
                    [
                        "crash": "#!/bin/sh\necho about to crash\nkill -SEGV $$\n",
                        "no-shebang": "echo run by the shell\n",
                        "env-pwd": "#!/bin/sh\necho \"$PWD\"\n",
                    ], into: work)
                for name in ["crash", "no-shebang", "env-pwd"] {
                    chmod(work + "/" + name, 0o755)
                }
            }
        ) { daemon in
            let direct = try await daemon.batch(exec: plain)[2]
            let viaShell = try await daemon.batch(exec: plain + ";")[2]
            #expect(direct.exitCode == exitCode)
            #expect(stderr.isEmpty ? direct.stderr.isEmpty : direct.stderr.contains(stderr), "stderr: \(direct.stderr)")
            #expect(direct.exitCode == viaShell.exitCode)
            #expect(direct.stdout == viaShell.stdout)
            // The shell names itself in its own errors ("sh: 1: …"); the rest must be the same.
            #expect(direct.stderr == viaShell.stderr, "direct: \(direct.stderr) shell: \(viaShell.stderr)")
        }
    }
}
