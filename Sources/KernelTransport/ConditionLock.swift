import Glibc

/// A mutex-protected value with a condition variable, so plain OS threads can wait for it to change.
///
/// `Synchronization.Mutex` offers no condition variable, and blocked producer threads
/// (``ZMQTransport/sendBlocking(_:)``) must sleep rather than spin.
package final class ConditionLock<State: Sendable>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    // Only touched with `mutex` held, which is what makes the unchecked conformance sound.
    private var state: State

    package init(_ state: State) {
        self.state = state
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    /// Runs `body` with exclusive access to the state.
    package func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&state)
    }

    /// Blocks the calling thread until `isSatisfied` holds, then runs `body` under the same lock.
    package func withLock<Result>(
        waitingUntil isSatisfied: (State) -> Bool,
        _ body: (inout State) throws -> Result
    ) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while !isSatisfied(state) {
            pthread_cond_wait(condition, mutex)
        }
        return try body(&state)
    }

    /// Wakes every thread waiting in ``withLock(waitingUntil:_:)`` to re-check its condition.
    package func broadcast() {
        pthread_cond_broadcast(condition)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }
}
