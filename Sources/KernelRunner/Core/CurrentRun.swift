import Synchronization

/// The task in progress, shared between the worker that publishes it and the receive loop that
/// routes `input` and `interrupt` to it.
final class CurrentRun: Sendable {
    private let context = Mutex<RunContext?>(nil)

    func set(_ run: RunContext?) {
        context.withLock { $0 = run }
    }

    func get() -> RunContext? {
        context.withLock { $0 }
    }
}
