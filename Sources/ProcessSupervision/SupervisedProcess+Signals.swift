import Glibc

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

    /// Sends SIGINT to the run's process group; escalates to SIGTERM and then
    /// SIGKILL, `grace` apart, while the main process is still alive.
    /// Returns at once; the run's I/O thread keeps the time, so escalation does not
    /// depend on Swift concurrency threads being free.
    public func interrupt(grace: Duration = .milliseconds(500)) {
        signalGroup(SIGINT)
        state.withLock { $0.pendingEscalation = grace }
        wakeup.signal()
    }

    /// One step of an interrupt's escalation, sent by the I/O thread when due.
    func escalate(with signal: Int32) {
        if signal == SIGKILL { kill() } else { signalGroup(signal) }
    }

    /// Called by the reaper while the main process is a zombie, right before
    /// reaping it: kills what is left of its process group.
    func mainProcessWillBeReaped() {
        state.withLock { state in
            _ = Glibc.kill(-pid, SIGKILL)
            state.isMainProcessGone = true
        }
        controlGroups?.killAll()
    }
}
