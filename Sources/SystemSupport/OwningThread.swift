import Glibc
import Synchronization

/// The thread that drains a queue, recorded by that thread: a producer running on it need not
/// wake it, as it looks at the queue again before it waits.
public struct OwningThread: ~Copyable, Sendable {
    private let identifier = Atomic<UInt>(0)

    public init() {}

    /// Records the calling thread as the owner.
    public func adopt() {
        identifier.store(pthread_self(), ordering: .relaxed)
    }

    /// Whether the calling thread is the owner.
    public var isCurrent: Bool {
        pthread_self() == identifier.load(ordering: .relaxed)
    }
}
