import Foundation

/// Polls `condition` until it holds or `limit` passes (a hang detector, not a timing claim);
/// returns whether it held.
func eventually(within limit: Duration, _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while !condition() {
        guard ContinuousClock.now < deadline else { return false }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return true
}
