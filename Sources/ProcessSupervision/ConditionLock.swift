import Glibc

/// A mutex-protected value with a condition variable, for a thread that must
/// park until another thread changes the value.
final class ConditionLock<State>: @unchecked Sendable {
    // @unchecked: `state` is only accessed with `mutex` held.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var state: State

    init(_ state: State) {
        self.state = state
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Runs `body` with the lock held.
    func withLock<Result, Failure: Error>(
        _ body: (inout State) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&state)
    }

    /// Blocks until `isSatisfied` holds; re-evaluated after every ``broadcast()``.
    func wait(until isSatisfied: (State) -> Bool) {
        withLock(when: isSatisfied) { _ in }
    }

    /// Blocks until `isSatisfied` holds (re-evaluated after every ``broadcast()``), then runs
    /// `body` with the lock still held.
    func withLock<Result>(when isSatisfied: (State) -> Bool, _ body: (inout State) -> Result) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while !isSatisfied(state) {
            pthread_cond_wait(condition, mutex)
        }
        return body(&state)
    }

    /// Wakes every waiter; call after changing the state.
    func broadcast() {
        pthread_cond_broadcast(condition)
    }
}
