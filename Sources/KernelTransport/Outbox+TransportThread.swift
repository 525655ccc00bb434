import KernelProtocol
import SystemSupport

/// The transport thread's side of the outbox, and the shutdown handshake.
extension Outbox {
    /// The oldest queued message (left in place) and the current phase.
    func peek() -> (message: WireMessage?, phase: Phase) {
        lock.withLock { ($0.messages.first, $0.phase) }
    }

    /// Removes the oldest message once libzmq has taken it (or it failed for good), and wakes
    /// the producers and flushes this unblocks.
    func completeFirst() {
        let (flushes, capacityWaiters, wakeThreads) = lock.withLock {
            state -> (
                [CheckedContinuation<Bool, Never>], [CheckedContinuation<Void, Never>], Bool
            ) in
            if let message = state.messages.popFirst() {
                state.pendingBytes -= message.byteCount
                state.completedCount += 1
            }
            let completed = state.completedCount
            let flushes = state.flushWaiters.take { $0 <= completed }
            guard state.hasCapacity(limit: byteLimit) else {
                return (flushes, [], false)
            }
            return (flushes, state.capacityWaiters.take(), state.blockedThreads > 0)
        }
        if wakeThreads {
            lock.broadcast()
        }
        for flush in flushes { flush.resume(returning: true) }
        for waiter in capacityWaiters { waiter.resume() }
    }

    /// Starts draining until `deadline`; returns `true` for the first caller only.
    func requestShutdown(deadline: ContinuousClock.Instant) -> Bool {
        lock.withLock { state in
            guard !state.shutdownRequested else { return false }
            state.shutdownRequested = true
            if state.phase == .running {
                state.phase = .draining(deadline: deadline)
                doorbell.signal()
            }
            return true
        }
    }

    /// Marks the outbox closed, drops what is left and releases every waiting producer.
    ///
    /// - Returns: The number of messages and bytes dropped.
    func close() -> (count: Int, bytes: Int) {
        let (dropped, flushes, capacityWaiters) = lock.withLock { state in
            state.phase = .closed
            let dropped = (state.messages.count, state.pendingBytes)
            state.messages.removeAll()
            state.pendingBytes = 0
            return (dropped, state.flushWaiters.take(), state.capacityWaiters.take())
        }
        lock.broadcast()
        for flush in flushes { flush.resume(returning: false) }
        for waiter in capacityWaiters { waiter.resume() }
        return dropped
    }

    /// Blocks the calling thread until ``close()`` has run.
    func waitUntilClosed() {
        lock.wait(until: { $0.phase == .closed })
    }
}
