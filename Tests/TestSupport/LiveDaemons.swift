import Glibc
import Synchronization

/// Daemons not yet stopped: a test's deferred `stop()` may not get to run before the test
/// process exits, so whatever is left is killed at exit.
public enum LiveDaemons {
    private static let pids: Mutex<Set<pid_t>> = {
        atexit {
            for pid in LiveDaemons.pids.withLock({ $0 }) {
                kill(pid, SIGKILL)
            }
        }
        return Mutex([])
    }()

    public static func add(_ pid: pid_t) {
        pids.withLock { _ = $0.insert(pid) }
    }

    public static func remove(_ pid: pid_t) {
        pids.withLock { _ = $0.remove(pid) }
    }
}
