import KernelProtocol
import SystemSupport

/// The FIFO of outgoing messages shared by producers (any thread or task) and the transport thread.
///
/// Producers append and may wait for the queued byte count to fall; only the transport thread
/// removes messages, after libzmq accepted them.
final class Outbox: Sendable {
    enum Phase: Sendable, Equatable {
        case running
        /// Shutdown requested: keep sending until empty or until the deadline.
        case draining(deadline: ContinuousClock.Instant)
        /// Sockets closed; new messages are dropped.
        case closed
    }

    struct State: Sendable {
        var phase = Phase.running
        var shutdownRequested = false
        var messages = FIFO<WireMessage>()
        var pendingBytes = 0
        var enqueuedCount: UInt64 = 0
        /// Messages handed to libzmq or dropped; flushes compare it with `enqueuedCount`.
        var completedCount: UInt64 = 0
        var blockedThreads = 0
        var capacityWaiters = Waiters<Void, Void>()
        /// Tagged with the `completedCount` each flush waits for.
        var flushWaiters = Waiters<Bool, UInt64>()

        func hasCapacity(limit: Int) -> Bool {
            pendingBytes <= limit || phase == .closed
        }
    }

    let lock = ConditionLock(State())
    let byteLimit: Int
    let doorbell: WakeupDescriptor
    /// The transport thread, which needs no doorbell: it looks at the outbox before it polls.
    let transportThread = OwningThread()

    init(byteLimit: Int, doorbell: WakeupDescriptor) {
        self.byteLimit = byteLimit
        self.doorbell = doorbell
    }

    var pendingBytes: Int { lock.withLock(\.pendingBytes) }

    /// Appends `message`; returns `false` (dropping it) once the transport is closed.
    @discardableResult
    func enqueue(_ message: WireMessage) -> Bool {
        lock.withLock { state in
            guard state.phase != .closed else { return false }
            // Ringing only on the empty → non-empty edge suffices: a non-empty outbox already
            // makes the thread poll for writability. Ringing under the lock orders it before close.
            if state.messages.isEmpty, !transportThread.isCurrent {
                doorbell.signal()
            }
            state.messages.append(message)
            state.pendingBytes += message.byteCount
            state.enqueuedCount += 1
            return true
        }
    }

    /// Blocks the calling thread while more than ``byteLimit`` bytes are queued.
    func waitForCapacity() {
        lock.withLock { $0.blockedThreads += 1 }
        lock.withLock(when: { $0.hasCapacity(limit: byteLimit) }) { $0.blockedThreads -= 1 }
    }

    /// Suspends the task while more than ``byteLimit`` bytes are queued, or until it is cancelled.
    func waitForCapacity() async {
        await lock.park(in: \.capacityWaiters, tag: (), cancelledValue: ()) { [byteLimit] state in
            state.hasCapacity(limit: byteLimit) ? () : nil
        }
    }

    /// Whether every message enqueued before the call reached libzmq within `timeout`.
    func flush(timeout: Duration) async -> Bool {
        let target = lock.withLock(\.enqueuedCount)
        return await withDeadline(timeout) { [lock] in
            await lock.park(in: \.flushWaiters, tag: target, cancelledValue: false) { state in
                if state.completedCount >= target {
                    return true
                }
                return state.phase == .closed ? false : nil
            }
        }
    }
}

extension WireMessage {
    var byteCount: Int { op.count + payload.count }
}
