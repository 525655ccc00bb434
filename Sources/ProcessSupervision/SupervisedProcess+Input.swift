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

    /// What the I/O thread learns when woken up.
    struct ControlUpdate {
        var input: [UInt8]
        var mainExit: TerminationStatus?
        var escalationGrace: Duration?
    }

    func takeControlUpdate() -> ControlUpdate {
        state.withLock { state in
            defer {
                state.pendingInput = []
                state.pendingEscalation = nil
            }
            return ControlUpdate(input: state.pendingInput, mainExit: state.mainExit, escalationGrace: state.pendingEscalation)
        }
    }
}
