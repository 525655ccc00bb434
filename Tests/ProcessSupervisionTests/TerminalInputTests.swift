import ProcessSupervision
import TestSupport
import Testing

@Suite("Terminal input with piped output")
struct TerminalInputTests {
    @Test func stdinIsTheControllingTerminalAndOutputsArePipes() async throws {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec(
                "[ -t 0 ] && [ ! -t 1 ] && [ ! -t 2 ] && [ -p /dev/stdout ] && test -w /dev/tty && echo ok",
                standardIO: .terminalInput),
            handlers: recorder.handlers)
        let status = try #require(await finish(process))
        #expect(status.exitCode == 0)
        #expect(recorder.stdoutText == "ok\n")
    }

    @Test func whatTheProgramWritesToItsTerminalArrivesAsStdout() async throws {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec(
                "printf 'to the terminal\\n' > /dev/tty; sleep 0.2; echo piped; echo err >&2",
                standardIO: .terminalInput),
            handlers: recorder.handlers)
        let status = try #require(await finish(process))
        #expect(status.exitCode == 0)
        #expect(recorder.stdoutText == "to the terminal\npiped\n")
        #expect(recorder.stderrText == "err\n")
    }

    @Test func inputEchoIsNotDeliveredAsOutput() async throws {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec("read a; read b; echo \"$a,$b\"", standardIO: .terminalInput), handlers: recorder.handlers)
        #expect(await eventually { recorder.inputRequests.count == 1 })
        process.writeInput(Array("one\n".utf8))
        #expect(await eventually { recorder.inputRequests.count == 2 })
        process.writeInput(Array("two\n".utf8))
        let status = try #require(await finish(process))
        #expect(status.exitCode == 0)
        #expect(recorder.stdoutText == "one,two\n")
    }
}
