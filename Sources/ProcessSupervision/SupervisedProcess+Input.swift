extension SupervisedProcess {
    /// Queues bytes for the run's stdin; the I/O thread writes them. Ignored for
    /// ``StandardIO/pipes`` and after the main process has exited.
    public func writeInput(_ bytes: [UInt8]) {
        guard acceptsInput, !bytes.isEmpty else { return }
        let isQueued = state.withLock { state in
            guard state.mainExit == nil else { return false }
            state.pendingInput += bytes
            return true
        }
        if isQueued {
            wakeup.signal()
        }
    }

    /// Gives up on the input request reported last: nobody will answer it (the run it was for
    /// ended). Input detection watches again at once, so a reader that is still blocked is
    /// reported anew; nothing is written, so a later read cannot take stale input for its answer.
    public func withdrawInputRequest() {
        state.withLock { $0.isInputRequestWithdrawn = true }
        wakeup.signal()
    }

    /// Runs `action` once everything the run's programs have written so far was delivered to
    /// the output handler: for a request that reached the daemon by another way than a blocked
    /// read (the input hook socket), whose prompt may still wait in a pipe. At once when the
    /// run's output is complete.
    public func afterDeliveringOutput(_ action: @escaping @Sendable () -> Void) {
        let isQueued = state.withLock { state in
            guard state.result == nil else { return false }
            state.outputFlushes.append(action)
            return true
        }
        if isQueued {
            wakeup.signal()
        } else {
            action()
        }
    }

    /// Has the I/O thread read and deliver what the run's programs have written so far at once,
    /// without waiting for a pipe that rests after a small read: for a caller that knows more
    /// output is there (a session's end-of-cell markers).
    public func deliverOutputNow() {
        afterDeliveringOutput {}
    }

    /// What the I/O thread learns when woken up.
    struct ControlUpdate {
        var input: [UInt8]
        var isInputRequestWithdrawn: Bool
        var outputFlushes: [@Sendable () -> Void]
        var interrupts: Int
        var interruptGrace: Duration
    }

    func takeControlUpdate() -> ControlUpdate {
        state.withLock { state in
            defer {
                state.pendingInput = []
                state.isInputRequestWithdrawn = false
                state.outputFlushes = []
            }
            return ControlUpdate(
                input: state.pendingInput, isInputRequestWithdrawn: state.isInputRequestWithdrawn,
                outputFlushes: state.outputFlushes,
                interrupts: state.interrupts, interruptGrace: state.interruptGrace)
        }
    }
}
