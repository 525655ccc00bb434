import CSpawn
import Glibc
import Logging

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

    /// The main process's status once it has exited (its pidfd is readable), reaping it unless
    /// the reaper did. Closes the pidfd: called once, by the I/O thread (or by a spawn that
    /// could not start one, after killing it).
    ///
    /// - Parameter hasExited: the caller saw the pidfd readable: no need to wait for it.
    func mainProcessExit(hasExited: Bool = false) -> TerminationStatus {
        var descriptor = pollfd(fd: pidDescriptor, events: Int16(POLLIN), revents: 0)
        while !hasExited, poll(&descriptor, 1, -1) < 0 && errno == EINTR {}
        ChildRegistry.shared.reap(self)
        close(pidDescriptor)
        guard let exit = state.withLock({ $0.mainExit }) else {
            preconditionFailure("the main process \(pid) left the registry without a status")
        }
        return exit
    }

    /// Reaps the main process, after killing what is left of its process group while the zombie
    /// still reserves the group's id. With the child registry locked (see ``ChildRegistry``).
    func reapMainProcessLocked() {
        mainProcessWillBeReaped()
        var status: Int32 = 0
        var usage = rusage()
        let error = krs_reap(pidDescriptor, &status, &usage)
        if error != 0 {
            Logger.processSupervision.error(
                "cannot reap the main process", metadata: ["pid": "\(pid)", "errno": "\(error)"])
        }
        let exit = TerminationStatus(waitStatus: status, usage: usage, wallTime: .now - startTime)
        state.withLock { $0.mainExit = exit }
    }

    /// Called by the I/O thread when the run is over.
    func finish(with exit: TerminationStatus) {
        // A finished run has nothing left running, even what was still exiting.
        controlGroups?.endAll()
        var status = exit
        status.memoryLimitKills = controlGroups?.memoryLimitKills ?? 0
        let isKeptForReuse = controlGroups?.keepIfReusable() == true
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
        if !isKeptForReuse {
            controlGroups?.remove()
        }
    }
}
