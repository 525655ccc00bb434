extension SupervisedProcess {
    /// Waits for the end of the run: the main process has exited, the rest of its
    /// process group (and of its control groups) was killed and is gone, the output was drained (to EOF, or for about
    /// 200 ms when an escaped process keeps it open) and every output callback
    /// has returned. Cancelling the calling task does not end the wait early.
    public func wait() async -> TerminationStatus {
        await withCheckedContinuation { continuation in
            let result = state.withLock { state in
                if state.result == nil {
                    state.waiters.append(continuation)
                }
                return state.result
            }
            if let result {
                continuation.resume(returning: result)
            }
        }
    }

    /// Called by the reaper with the main process's status.
    func mainProcessExited(_ status: TerminationStatus) {
        state.withLock { $0.mainExit = status }
        wakeup.signal()
    }

    /// Called by the I/O thread when the run is over.
    func finish(with exit: TerminationStatus) {
        // A finished run has nothing left running, even what was still exiting.
        controlGroups?.endAll()
        var status = exit
        status.memoryLimitKills = controlGroups?.memoryLimitKills ?? 0
        let (waiters, flushes) = state.withLock { state in
            state.result = status
            defer {
                state.waiters = []
                state.outputFlushes = []
            }
            return (state.waiters, state.outputFlushes)
        }
        // Every output was delivered by now.
        for flush in flushes {
            flush()
        }
        for waiter in waiters {
            waiter.resume(returning: status)
        }
        // Off the run's critical path: the waiters need nothing from the groups any more.
        controlGroups?.remove()
    }
}
