import Synchronization

/// A value that is set once and awaited by any number of tasks, each with an optional bound.
///
/// `Task.value` and `SupervisedProcess.wait()` cannot be abandoned; a latch lets shutdown paths
/// wait for them with a deadline and move on.
public final class Latch<Value: Sendable>: Sendable {
    private struct Waiter {
        let continuation: CheckedContinuation<Value?, Never>
        let timer: Task<Void, Never>?
    }

    private struct State {
        var value: Value?
        var nextID = 0
        var waiters: [Int: Waiter] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// The value, if already set.
    public var value: Value? { state.withLock { $0.value } }

    /// Sets the value and wakes every waiter; later calls are ignored.
    public func fulfil(_ value: Value) {
        let waiters = state.withLock { state -> [Waiter] in
            guard state.value == nil else { return [] }
            state.value = value
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters {
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: value)
        }
    }

    /// Waits for the value; nil when `timeout` elapsed first.
    public func wait(timeout: Duration) async -> Value? {
        await withCheckedContinuation { continuation in
            let ready: Value? = state.withLock { state in
                if let value = state.value { return value }
                let id = state.nextID
                state.nextID += 1
                let timer = Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    self?.expire(id)
                }
                state.waiters[id] = Waiter(continuation: continuation, timer: timer)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    private func expire(_ id: Int) {
        guard let waiter = state.withLock({ $0.waiters.removeValue(forKey: id) }) else { return }
        waiter.continuation.resume(returning: nil)
    }
}
