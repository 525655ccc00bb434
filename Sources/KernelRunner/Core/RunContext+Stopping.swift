import ProcessSupervision

/// Interrupts, time-outs and shutdown: how the daemon ends a task early.
extension RunContext {
    /// Interrupts the child in progress (whole process group, with escalation) and stops the
    /// runner from spawning further children for this task.
    func interrupt() {
        stop(.interrupted)?.interrupt(grace: interruptGrace)
    }

    /// Ends the task because it ran out of wall-clock time.
    func timeOut() {
        stop(.timeout)?.kill()
    }

    /// Kills whatever is still running, at shutdown.
    func kill() {
        stop(.interrupted)?.kill()
    }

    /// Records why the task stops (the first cause wins), stops work that is not a child, and
    /// returns the child to signal.
    func stop(_ cause: StopCause) -> SupervisedProcess? {
        let (process, handler) = state.withLock { state in
            if state.stopCause == nil { state.stopCause = cause }
            return (state.process, state.interruptHandler)
        }
        handler?()
        return process
    }

    /// Runs `handler` when the task is interrupted or stopped by a limit (at once if it already
    /// was): how work that is not a child of this task (a persistent interpreter) stops.
    package func onInterrupt(_ handler: @escaping @Sendable () -> Void) {
        let stopped = state.withLock { state in
            state.interruptHandler = handler
            return state.stopCause != nil
        }
        if stopped { handler() }
    }
}
