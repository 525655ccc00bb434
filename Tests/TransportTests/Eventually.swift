/// Waits until `condition` holds, checking every few milliseconds; `false` if it still does not
/// after `timeout`. The bound only catches hangs; it is never a performance expectation.
func eventually(timeout: Duration = .seconds(20), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { return false }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return true
}
