import Foundation

/// The time bounds the issues set, for the tests that hold the daemon to them.
enum TimeBound {
    /// `KR_TIME_SCALE`, a whole factor the bounds are stretched by: `scripts/sanitize` sets it,
    /// its instrumented daemons being several times slower. Unset, every bound is the issue's.
    private static let scale = ProcessInfo.processInfo.environment["KR_TIME_SCALE"].flatMap { Int($0) }.map { max($0, 1) } ?? 1

    /// A SIGTERM shutdown: 3 s.
    static let shutdown: Duration = .seconds(3) * scale
}
