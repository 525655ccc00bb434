import Glibc
import Synchronization
import SystemSupport

/// Forwards the first Ctrl-C to the daemon as `interrupt`; a second one quits the client.
enum InterruptForwarder {
    static func start(_ interrupt: @escaping @Sendable () -> Void) throws {
        let count = Mutex(0)
        _ = try SignalForwarder([SIGINT]) { _ in
            let presses = count.withLock { count in
                count += 1
                return count
            }
            if presses == 1 {
                interrupt()
            } else {
                exit(130)
            }
        }
    }
}
