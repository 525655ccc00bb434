import Glibc
import KernelProtocol
import ProcessSupervision
import Testing

@testable import KernelRunnerCore

@Suite("Step outcomes")
struct StepOutcomeTests {
    /// The agent receives these numbers: they are the original runner's and must not change.
    @Test(
        arguments: [
            (StepOutcome.success, 0),
            (.exited(3), 3),
            (.exited(128 + Int(SIGKILL)), 137),
            (.killed(signal: SIGINT), -2),
            (.killed(signal: SIGKILL), -9),
            (.notFound, 127),
            (.notExecutable, 126),
            (.skipped, 127),
            (.failed, 1),
            (.runnerFailure, -1),
        ] as [(StepOutcome, Int)])
    func eachOutcomeHasItsExitCode(outcome: StepOutcome, exitCode: Int) {
        #expect(outcome.exitCode == exitCode)
        #expect(outcome.isSuccess == (exitCode == 0))
        #expect(RunResult(outcome, status: nil, stopCause: nil, wallTime: .zero).exitCode == exitCode)
    }

    @Test(
        arguments: [
            (TerminationStatus.Reason.exited(0), StepOutcome.success),
            (.exited(4), .exited(4)),
            (.signaled(SIGINT), .killed(signal: SIGINT)),
            (.signaled(SIGXCPU), .killed(signal: SIGXCPU)),
        ] as [(TerminationStatus.Reason, StepOutcome)])
    func aChildsEndIsItsOutcome(reason: TerminationStatus.Reason, outcome: StepOutcome) {
        let status = TerminationStatus(reason: reason, wallTime: .zero, cpuTime: .zero, maxRSSBytes: 0)
        #expect(StepOutcome(status) == outcome)
        #expect(StepOutcome(status).exitCode == status.exitCode)
    }

    @Test func aKillReportedLikeTheShellIsAnExitStatus() {
        let status = TerminationStatus(reason: .signaled(SIGTERM), wallTime: .zero, cpuTime: .zero, maxRSSBytes: 0)
        #expect(StepOutcome(status.asReportedByShell().status) == .exited(143))
    }

    @Test func theTerminalFrameSaysWhyTheDaemonStoppedTheChild() {
        let status = TerminationStatus(reason: .signaled(SIGKILL), wallTime: .zero, cpuTime: .seconds(2), maxRSSBytes: 4096)
        let result = RunResult(StepOutcome(status), status: status, stopCause: .timeout, wallTime: .seconds(3))
        #expect(result == RunResult(exitCode: -9, reason: .timeout, signal: SIGKILL, wallTime: 3, cpuTime: 2, maxRSS: 4096))
    }

    @Test func descriptionsNameTheConvention() {
        #expect("\(StepOutcome.exited(3))" == "exit status 3")
        #expect("\(StepOutcome.killed(signal: SIGKILL))" == "killed by signal 9")
    }
}
