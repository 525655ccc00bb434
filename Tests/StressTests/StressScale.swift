import Foundation

/// How hard the stress suite pushes. Every `swift test` runs the short variants; `KR_STRESS=1`
/// (`scripts/stress`) runs the sizes the reliability issue asks for: 10k messages, 2 GiB of
/// output, 100 shutdowns.
enum StressScale {
    static let isFull = ProcessInfo.processInfo.environment["KR_STRESS"] == "1"

    /// `short` in everyday runs, `full` under `KR_STRESS=1`.
    static func pick<Value>(short: Value, full: Value) -> Value {
        isFull ? full : short
    }
}
