import SystemSupport

/// Tasks suspended until some locked state changes, in arrival order, each with a `Tag`
/// saying what it waits for.
///
/// Each waiter reserves an id first, so a cancellation handler can withdraw exactly its own
/// continuation even if it runs before the continuation is parked.
package struct Waiters<Value: Sendable, Tag: Sendable>: Sendable {
    private var nextID: UInt64 = 0
    private var parked: [(id: UInt64, tag: Tag, continuation: CheckedContinuation<Value, Never>)] = []

    /// Creates an empty list.
    package init() {}

    mutating func reserveID() -> UInt64 {
        nextID += 1
        return nextID
    }

    mutating func park(_ id: UInt64, tag: Tag, _ continuation: CheckedContinuation<Value, Never>) {
        parked.append((id, tag, continuation))
    }

    mutating func withdraw(_ id: UInt64) -> CheckedContinuation<Value, Never>? {
        guard let index = parked.firstIndex(where: { $0.id == id }) else { return nil }
        return parked.remove(at: index).continuation
    }

    /// Removes and returns the longest-waiting continuation.
    package mutating func takeFirst() -> CheckedContinuation<Value, Never>? {
        parked.isEmpty ? nil : parked.removeFirst().continuation
    }

    /// Removes and returns the continuations whose tag satisfies `isDue`, oldest first;
    /// resume them after releasing the lock.
    package mutating func take(where isDue: (Tag) -> Bool = { _ in true }) -> [CheckedContinuation<Value, Never>] {
        var due: [CheckedContinuation<Value, Never>] = []
        parked.removeAll { waiter in
            guard isDue(waiter.tag) else { return false }
            due.append(waiter.continuation)
            return true
        }
        return due
    }
}

extension ConditionLock {
    /// Suspends the current task until it is resumed through the `Waiters` at `waiters`.
    ///
    /// - Parameters:
    ///   - waiters: Where to park the task in the locked state.
    ///   - tag: What the task waits for, for whoever resumes it.
    ///   - cancelledValue: What the task gets when cancelled while parked.
    ///   - ready: Checked under the lock before parking; a non-nil result is returned at once.
    package func park<Value: Sendable, Tag: Sendable>(
        in waiters: any WritableKeyPath<State, Waiters<Value, Tag>> & Sendable,
        tag: Tag,
        cancelledValue: Value,
        unlessReady ready: (inout State) -> Value?
    ) async -> Value {
        let id = withLock { $0[keyPath: waiters].reserveID() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let immediate: Value? = withLock { state in
                    if let value = ready(&state) {
                        return value
                    }
                    // A cancellation that happened before parking has already run its handler.
                    if Task.isCancelled {
                        return cancelledValue
                    }
                    state[keyPath: waiters].park(id, tag: tag, continuation)
                    return nil
                }
                if let immediate {
                    continuation.resume(returning: immediate)
                }
            }
        } onCancel: {
            withLock { $0[keyPath: waiters].withdraw(id) }?.resume(returning: cancelledValue)
        }
    }
}
