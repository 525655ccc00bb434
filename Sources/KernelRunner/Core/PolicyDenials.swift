import Synchronization

/// The calls a jail policy's sandbox refused for one task: how many, and the first, for the
/// terminal frame's `policyDenials` and the one notice on the run's stderr.
public final class PolicyDenials: Sendable {
    private struct State {
        var count = 0
        var first: String?
    }

    private let state = Mutex(State())
    /// Where the calls go instead: a persistent interpreter's refusals count for the task it
    /// serves when they happen.
    private let forward: (@Sendable () -> PolicyDenials?)?

    public init(forwardingTo forward: (@Sendable () -> PolicyDenials?)? = nil) {
        self.forward = forward
    }

    /// Records a refused operation, e.g. `open /etc/shadow`.
    public func record(_ operation: String) {
        if let target = forward?() {
            target.record(operation)
            return
        }
        state.withLock { state in
            state.count += 1
            if state.first == nil { state.first = operation }
        }
    }

    /// How many calls were refused, and the first.
    public var summary: (count: Int, first: String?) {
        state.withLock { ($0.count, $0.first) }
    }
}
