import Glibc
import TestSupport
import Testing

@testable import ProcessSupervision

@Suite("Signals and leftovers")
struct SignalTests {
    @Test func interruptEndsTheWholeGroup() async throws {
        let process = try SupervisedProcess.spawn(shellSpec("sleep 100; echo not reached"), handlers: Recorder().handlers)
        // Interrupted once the shell waits for `sleep`, so the signal reaches both.
        #expect(await eventually { ProcessTable.descendants(of: process.pid).contains { $0.command == "sleep" } })
        let start = ContinuousClock.now
        process.interrupt(grace: .seconds(3))
        let status = try #require(await finish(process))
        // Timed by the reaper, which saw the run end: on a loaded machine this task may be
        // scheduled seconds later, which says nothing about the run.
        let ended = status.wallTime - (start - process.startTime)
        #expect(ended < TimeBound.signalledGroupEnds)
        #expect(status.exitCode < 0)
        #expect(await eventually(within: TimeBound.signalledGroupEnds) { isProcessGroupGone(process.pid) })
    }

    @Test func interruptEscalatesWhenSignalsAreIgnored() async throws {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec("trap '' INT TERM; echo ready; sleep 100"), handlers: recorder.handlers)
        #expect(await eventually { recorder.stdoutText == "ready\n" })
        process.interrupt(grace: .milliseconds(200))
        let status = try #require(await finish(process))
        #expect(status.reason == .signaled(SIGKILL))
        #expect(status.wallTime < TimeBound.signalledGroupEnds)
        #expect(await eventually(within: TimeBound.signalledGroupEnds) { isProcessGroupGone(process.pid) })
    }

    @Test func backgroundLeftoverDoesNotHoldTheRun() async throws {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(shellSpec("sleep 100 & echo hi"), handlers: recorder.handlers)
        let status = try #require(await finish(process))
        #expect(status.wallTime < TimeBound.signalledGroupEnds)
        #expect(status.exitCode == 0)
        #expect(recorder.stdoutText == "hi\n")
        #expect(await eventually(within: TimeBound.signalledGroupEnds) { isProcessGroupGone(process.pid) })
    }

    @Test func killEndsTheRunAtOnce() async throws {
        let process = try SupervisedProcess.spawn(shellSpec("sleep 100"), handlers: Recorder().handlers)
        process.kill()
        let status = try #require(await finish(process))
        #expect(status.wallTime < TimeBound.signalledGroupEnds)
        #expect(status.exitCode == -Int(SIGKILL))
    }

    @Test func escapedProcessHoldingThePipeDelaysTheEndOnlyBriefly() async throws {
        // setsid leaves the process group, so only the drain timeout ends the run.
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec("setsid sleep 3 & echo done"), handlers: recorder.handlers)
        // The drain timeout ends it; the main process's time would not show the drain.
        let status = try #require(await finish(process, within: TimeBound.signalledGroupEnds))
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
