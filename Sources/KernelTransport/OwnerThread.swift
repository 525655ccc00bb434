import Glibc

/// A joinable POSIX thread running one closure.
///
/// The transport blocks in `zmq_poll` indefinitely; doing so on a Swift concurrency thread
/// would starve the cooperative pool, so it gets a thread of its own.
final class OwnerThread: Sendable {
    private final class Body {
        let run: @Sendable () -> Void

        init(_ run: @escaping @Sendable () -> Void) {
            self.run = run
        }
    }

    private let thread: pthread_t

    /// Starts a thread running `body`.
    init(_ body: @escaping @Sendable () -> Void) throws(TransportError) {
        let retained = Unmanaged.passRetained(Body(body))
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { argument in
            Unmanaged<Body>.fromOpaque(argument!).takeRetainedValue().run()
            return nil
        }, retained.toOpaque())
        guard status == 0 else {
            retained.release()
            throw TransportError(.threadStart, systemErrno: status)
        }
        self.thread = thread
    }

    /// Whether the caller is this thread (joining itself would deadlock).
    var isCurrent: Bool { pthread_equal(pthread_self(), thread) != 0 }

    /// Waits for the thread to finish. Call exactly once.
    func join() {
        _ = pthread_join(thread, nil)
    }
}
