import Glibc
import ProcessSupervision
import TestSupport
import Testing

@Suite("Input requests")
struct InputTests {
    @Test(arguments: [StandardIO.pseudoTerminal, .terminalInput])
    func terminalPromptComesBeforeTheRequestAndEchoIsRemoved(standardIO: StandardIO) async throws {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec("printf 'Name: '; read x; echo \"hi $x\"", standardIO: standardIO),
            handlers: recorder.handlers)
        #expect(await eventually { recorder.inputRequests.count == 1 })
        #expect(recorder.inputRequests == [false])
        #expect(recorder.stdoutBeforeFirstRequest == "Name: ")
        process.writeInput(Array("Bob\n".utf8))
        let status = try #require(await finish(process))
        #expect(status.exitCode == 0)
        #expect(recorder.stdoutText == "Name: hi Bob\n")
        #expect(recorder.inputRequests.count == 1)
    }

    @Test(arguments: [StandardIO.pseudoTerminal, .terminalInput])
    func passwordPromptIsRecognised(standardIO: StandardIO) async throws {
        // getpass writes its prompt to /dev/tty, which is not stdout in `.terminalInput`.
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            ProcessSpec(
                executable: "python3",
                arguments: ["-c", "import getpass; print('got', getpass.getpass('Password: '))"],
                environment: ["PATH": inheritedPath], workingDirectory: "/", standardIO: standardIO),
            handlers: recorder.handlers)
        #expect(await eventually { recorder.inputRequests.count == 1 })
        #expect(recorder.inputRequests == [true])
        #expect(recorder.stdoutBeforeFirstRequest == "Password: ")
        process.writeInput(Array("secret\n".utf8))
        _ = try #require(await finish(process))
        // On a pseudo-terminal getpass's newline (on the terminal) and the print are one stream.
        // With `.terminalInput` they are two: the newline on the terminal, the line on the pipe,
        // read separately, so either may come first; each is one write (the pipe's below
        // PIPE_BUF, so atomic) and arrives whole.
        let afterPrompt = ["\ngot secret\n"] + (standardIO == .terminalInput ? ["got secret\n\n"] : [])
        #expect(afterPrompt.map { "Password: " + $0 }.contains(recorder.stdoutText), "stdout: \(recorder.stdoutText)")
    }

    @Test func compiledProgramReadingWithScanfIsDetected() async throws {
        let directory = makeTemporaryDirectory()
        writeTextFile(
            "\(directory)/twice.c",
            """
            #include <stdio.h>
            int main(void) {
                int n;
                printf("n? ");
                fflush(stdout);
                if (scanf("%d", &n) != 1) return 1;
                printf("twice %d\\n", 2 * n);
                return 0;
            }
            """)
        let compiler = try SupervisedProcess.spawn(
            ProcessSpec(
                executable: "cc", arguments: ["-o", "twice", "twice.c"], environment: ["PATH": inheritedPath],
                workingDirectory: directory),
            handlers: Recorder().handlers)
        #expect(try #require(await finish(compiler, within: TimeBound.hang(after: .seconds(60)))).exitCode == 0)

        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            ProcessSpec(
                executable: "./twice", arguments: [], environment: [:], workingDirectory: directory,
                standardIO: .pseudoTerminal),
            handlers: recorder.handlers)
        #expect(await eventually { recorder.inputRequests.count == 1 })
        process.writeInput(Array("21\n".utf8))
        let status = try #require(await finish(process))
        #expect(status.exitCode == 0)
        #expect(recorder.stdoutText == "n? twice 42\n")
    }

    @Test(arguments: [StandardIO.interactivePipes, .pseudoTerminal, .terminalInput])
    func shellReadIsDetected(standardIO: StandardIO) async throws {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec("read x; echo \"got $x\"", standardIO: standardIO), handlers: recorder.handlers)
        #expect(await eventually { recorder.inputRequests.count == 1 })
        #expect(recorder.inputRequests == [false])
        process.writeInput(Array("abc\n".utf8))
        _ = try #require(await finish(process))
        #expect(recorder.stdoutText == "got abc\n")
    }

    @Test(arguments: [StandardIO.interactivePipes, .pseudoTerminal, .terminalInput])
    func eventLoopReaderIsDetected(standardIO: StandardIO) async throws {
        // Node blocks in epoll_wait; on a terminal libuv reopens the tty by name.
        try #require(access("/usr/bin/node", X_OK) == 0)
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            ProcessSpec(
                executable: "/usr/bin/node",
                arguments: ["-e", "process.stdin.once('data', d => { console.log('got ' + d.toString().trim()); process.exit(0) })"],
                environment: ["PATH": inheritedPath], workingDirectory: "/", standardIO: standardIO),
            handlers: recorder.handlers)
        #expect(await eventually(within: TimeBound.hang(after: .seconds(20))) { recorder.inputRequests.count == 1 })
        process.writeInput(Array("xyz\n".utf8))
        _ = try #require(await finish(process))
        #expect(recorder.stdoutText.hasSuffix("got xyz\n"))
    }

    @Test(arguments: [StandardIO.interactivePipes, .pseudoTerminal, .terminalInput])
    func eachBlockedReadIsReportedOnce(standardIO: StandardIO) async throws {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec("read a; read b; echo \"$a+$b\"", standardIO: standardIO), handlers: recorder.handlers)
        #expect(await eventually { recorder.inputRequests.count == 1 })
        process.writeInput(Array("1\n".utf8))
        #expect(await eventually { recorder.inputRequests.count == 2 })
        process.writeInput(Array("2\n".utf8))
        _ = try #require(await finish(process))
        #expect(recorder.stdoutText == "1+2\n")
        #expect(recorder.inputRequests.count == 2)
    }

    /// A request nobody answers is withdrawn: the reader, still blocked, is reported again, and
    /// nothing was written to it meanwhile.
    @Test(arguments: [StandardIO.interactivePipes, .pseudoTerminal, .terminalInput])
    func aWithdrawnRequestIsReportedAgainWithoutInput(standardIO: StandardIO) async throws {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec("read x; echo \"got [$x]\"", standardIO: standardIO), handlers: recorder.handlers)
        #expect(await eventually { recorder.inputRequests.count == 1 })
        process.withdrawInputRequest()
        #expect(await eventually { recorder.inputRequests.count == 2 })
        process.writeInput(Array("abc\n".utf8))
        _ = try #require(await finish(process))
        #expect(recorder.stdoutText == "got [abc]\n")
        #expect(recorder.inputRequests.count == 2)
    }

    /// The program's pause is the scenario: the input is there before the read.
    @Test func inputWrittenBeforeTheReadIsConsumedWithoutRequest() async throws {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec("sleep 0.3; read a; echo \"got $a\"", standardIO: .interactivePipes), handlers: recorder.handlers)
        process.writeInput(Array("early\n".utf8))
        _ = try #require(await finish(process))
        #expect(recorder.stdoutText == "got early\n")
        #expect(recorder.inputRequests.isEmpty)
    }

    @Test func longTerminalLinesAreNotTruncated() async throws {
        let line = String(repeating: "0123456789", count: 1000)
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec("read x; echo ${#x}", standardIO: .pseudoTerminal), handlers: recorder.handlers)
        #expect(await eventually { recorder.inputRequests.count == 1 })
        process.writeInput(Array((line + "\n").utf8))
        _ = try #require(await finish(process))
        #expect(recorder.stdoutText == "\(line.utf8.count)\n")
    }
}
