import Synchronization
import SystemSupport

/// A running program in its own session and process group, with its output
/// streamed to handlers, input fed from the daemon and its end awaited.
///
/// Each run has one I/O thread that reads its output, writes queued input, detects input
/// requests and reaps the main process when its pidfd says it has exited.
public final class SupervisedProcess: Sendable {
    struct State {
        /// Input queued by ``writeInput(_:)`` that the I/O thread has not taken yet.
        var pendingInput: [UInt8] = []
        /// ``withdrawInputRequest()`` was called and the I/O thread has not taken it yet.
        var isInputRequestWithdrawn = false
        /// Actions of ``afterDeliveringOutput(_:)`` the I/O thread has not taken yet.
        var outputFlushes: [@Sendable () -> Void] = []
        /// How many times the run was interrupted, and the grace between the escalation's
        /// signals; the I/O thread schedules them.
        var interrupts = 0
        var interruptGrace = Duration.zero
        /// Set just before the main process is reaped: afterwards its pid and
        /// process group id may belong to someone else, so no more signals.
        var isMainProcessGone = false
        /// The main process's status, once reaped.
        var mainExit: TerminationStatus?
        /// The run's final status, once its output is drained.
        var result: TerminationStatus?
        var waiters: [CheckedContinuation<TerminationStatus, Never>] = []
    }

    /// The main process's pid, which is also its session and process group id.
    public let pid: Int32
    /// The main process's pidfd: readable once it has exited; the I/O thread reaps through it
    /// and closes it.
    let pidDescriptor: Int32
    let startTime: ContinuousClock.Instant
    let acceptsInput: Bool
    let wakeup: WakeupDescriptor
    /// The run's control groups, where this machine lets us create them.
    let controlGroups: RunControlGroups?
    let state = Mutex(State())

    init(
        pid: Int32, pidDescriptor: Int32, startTime: ContinuousClock.Instant, acceptsInput: Bool,
        wakeup: WakeupDescriptor, controlGroups: RunControlGroups?
    ) {
        self.pid = pid
        self.pidDescriptor = pidDescriptor
        self.startTime = startTime
        self.acceptsInput = acceptsInput
        self.wakeup = wakeup
        self.controlGroups = controlGroups
    }
}
