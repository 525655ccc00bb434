import Glibc
import InputDetection

extension SupervisedProcess {
    /// Sends `signal` to the run's whole process group; does nothing once the
    /// main process is gone (its leftovers have been killed then).
    public func signalGroup(_ signal: Int32) {
        state.withLock { state in
            guard !state.isMainProcessGone else { return }
            _ = Glibc.kill(-pid, signal)
        }
    }

    /// Sends SIGKILL to the run's process group now, and to every member of its control
    /// groups (which catch processes that left the process group).
    public func kill() {
        signalGroup(SIGKILL)
        controlGroups?.killAll()
    }

    /// Sends SIGKILL to every descendant of the main process, which lives on: what a cell of a
    /// persistent interpreter left running (a background job), as a run's leftovers are killed
    /// when it ends. Cheap: it reads the main process's `children` lists, not all of `/proc`.
    public func killDescendants() {
        state.withLock { state in
            guard !state.isMainProcessGone else { return }
            for member in ProcessTree.members(of: pid) where member != pid {
                _ = Glibc.kill(member, SIGKILL)
            }
        }
    }

    /// Sends SIGINT to the run's process group; escalates to SIGTERM and then
    /// SIGKILL, `grace` apart, while the main process is still alive. A repeated interrupt
    /// escalates to the next signal at once (SIGTERM, then SIGKILL): a program that handles
    /// SIGINT to save its work gets the whole grace, a user who insists need not wait for it.
    /// Returns at once; the run's I/O thread keeps the time, so escalation does not
    /// depend on Swift concurrency threads being free.
    public func interrupt(grace: Duration) {
        let isFirst = state.withLock { state in
            state.interrupts += 1
            state.interruptGrace = grace
            return state.interrupts == 1
        }
        if isFirst { signalGroup(SIGINT) }
        wakeup.signal()
    }

    /// One step of an interrupt's escalation, sent by the I/O thread when due.
    func escalate(with signal: Int32) {
        if signal == SIGKILL { kill() } else { signalGroup(signal) }
    }

    /// Called while the main process is a zombie, right before reaping it: kills what is left of
    /// its process group.
    func mainProcessWillBeReaped() {
        state.withLock { state in
            _ = Glibc.kill(-pid, SIGKILL)
            state.isMainProcessGone = true
        }
        controlGroups?.killAll()
    }
}
