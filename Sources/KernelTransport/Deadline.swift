/// Runs `operation`, cancelling it once `timeout` has passed, and returns its result.
///
/// The operation must answer promptly when cancelled (with its own "timed out" value), so a
/// result that races with the deadline is never lost: whatever the operation returns wins.
package func withDeadline<Result: Sendable>(
    _ timeout: Duration,
    _ operation: @escaping @Sendable () async -> Result
) async -> Result {
    await withTaskGroup(of: Result?.self) { group in
        group.addTask { await operation() }
        group.addTask {
            try? await Task.sleep(for: timeout)
            return nil
        }
        for await outcome in group {
            // Either the operation finished (stop the timer) or the timer did (stop the operation).
            group.cancelAll()
            if let outcome {
                return outcome
            }
        }
        preconditionFailure("the operation child always produces a result")
    }
}
