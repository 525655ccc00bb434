import Glibc
import ProcessSupervision
import Testing

@Suite("Signals and leftovers")
struct SignalTests {
    @Test func interruptEndsTheWholeGroup() async throws {
        let process = try SupervisedProcess.spawn(shellSpec("sleep 100; echo not reached"), handlers: Recorder().handlers)
        try await Task.sleep(for: .milliseconds(100))
        let start = ContinuousClock.now
        process.interrupt()
        let status = try #require(await finish(process, within: .seconds(2)))
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(status.exitCode < 0)
        #expect(await eventually(within: .seconds(2)) { isProcessGroupGone(process.pid) })
    }

    @Test func interruptEscalatesWhenSignalsAreIgnored() async throws {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec("trap '' INT TERM; echo ready; sleep 100"), handlers: recorder.handlers)
        #expect(await eventually { recorder.stdoutText == "ready\n" })
        process.interrupt(grace: .milliseconds(200))
        let status = try #require(await finish(process, within: .seconds(2)))
        #expect(status.reason == .signaled(SIGKILL))
        #expect(await eventually(within: .seconds(2)) { isProcessGroupGone(process.pid) })
    }

    @Test func backgroundLeftoverDoesNotHoldTheRun() async throws {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(shellSpec("sleep 100 & echo hi"), handlers: recorder.handlers)
        let status = try #require(await finish(process, within: .seconds(2)))
        #expect(status.exitCode == 0)
        #expect(recorder.stdoutText == "hi\n")
        #expect(await eventually(within: .seconds(2)) { isProcessGroupGone(process.pid) })
    }

    @Test func killEndsTheRunAtOnce() async throws {
        let process = try SupervisedProcess.spawn(shellSpec("sleep 100"), handlers: Recorder().handlers)
        process.kill()
        let status = try #require(await finish(process, within: .seconds(2)))
        #expect(status.exitCode == -Int(SIGKILL))
    }

    @Test func escapedProcessHoldingThePipeDelaysTheEndOnlyBriefly() async throws {
        // setsid leaves the process group, so only the drain timeout ends the run.
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec("setsid sleep 3 & echo done"), handlers: recorder.handlers)
        let status = try #require(await finish(process, within: .seconds(2)))
        #expect(status.exitCode == 0)
        #expect(recorder.stdoutText == "done\n")
    }

    @Test func resourceUsageIsReported() async throws {
        let process = try SupervisedProcess.spawn(
            shellSpec("i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done"), handlers: Recorder().handlers)
        let status = try #require(await finish(process))
        #expect(status.cpuTime > .zero)
        #expect(status.wallTime > .zero)
        #expect(status.maxRSSBytes > 0)
    }
}
