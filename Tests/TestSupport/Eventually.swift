/// Polls `condition` until it holds or `limit` passes (a hang detector, not a timing claim);
/// returns whether it held.
public func eventually(within limit: Duration = TimeBound.hang(after: .seconds(10)), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while !(await condition()) {
        guard ContinuousClock.now < deadline else { return false }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return true
}
