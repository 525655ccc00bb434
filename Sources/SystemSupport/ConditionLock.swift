import Glibc

/// A mutex-protected value with a condition variable, so plain OS threads can wait for it to
/// change: `Synchronization.Mutex` has no condition variable, and a blocked thread must sleep,
/// not spin. Timed waits use the monotonic clock, so a changed wall clock cannot stretch them.
public final class ConditionLock<State>: @unchecked Sendable {
    // @unchecked: `state` is only touched with `mutex` held.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var state: State

    public init(_ state: State) {
        self.state = state
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the state.
    public func withLock<Result, Failure: Error>(_ body: (inout State) throws(Failure) -> Result) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&state)
    }

    /// Blocks until `isSatisfied` holds (re-checked after every ``broadcast()``), then runs
    /// `body` with the lock still held.
    public func withLock<Result>(when isSatisfied: (State) -> Bool, _ body: (inout State) -> Result) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while !isSatisfied(state) {
            pthread_cond_wait(condition, mutex)
        }
        return body(&state)
    }

    /// Blocks until `isSatisfied` holds.
    public func wait(until isSatisfied: (State) -> Bool) {
        withLock(when: isSatisfied) { _ in }
    }

    /// Blocks until `isSatisfied` holds or `timeout` has passed; true if it holds.
    public func wait(until isSatisfied: (State) -> Bool, timeout: Duration) -> Bool {
        var deadline = timespec()
        clock_gettime(CLOCK_MONOTONIC, &deadline)
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = Int(deadline.tv_nsec) + Int(attoseconds / 1_000_000_000)
        deadline.tv_sec += Int(seconds) + nanoseconds / 1_000_000_000
        deadline.tv_nsec = nanoseconds % 1_000_000_000
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while !isSatisfied(state) {
            if pthread_cond_timedwait(condition, mutex, &deadline) == ETIMEDOUT {
                return isSatisfied(state)
            }
        }
        return true
    }

    /// Wakes every waiter to re-check its condition; call after changing the state.
    public func broadcast() {
        pthread_cond_broadcast(condition)
    }
}
