import CSystem
import Glibc
import Logging
import SystemSupport

/// Owns every `wait` for the daemon's children, including orphans re-parented
/// to the daemon (as PID 1 or as child subreaper).
///
/// Once started, no other code in the process may wait for children.
public enum ProcessReaper {
    /// Becomes child subreaper (unless PID 1) and starts the reaping thread.
    /// Idempotent; ``SupervisedProcess/spawn(_:handlers:)`` calls it too.
    public static func start() {
        _ = started
    }

    private static let started: Void = {
        if getpid() != 1 {
            let error = krs_become_subreaper()
            if error != 0 {
                Logger.processSupervision.warning(
                    "cannot become child subreaper; orphans of runs will not be reaped here",
                    metadata: ["errno": "\(error)"])
            }
        }
        do {
            try OSThread.detach(name: "krs-reaper") { reapForever() }
        } catch {
            preconditionFailure("cannot start the reaper thread: \(error)")
        }
    }()

    private static func reapForever() {
        let registry = ChildRegistry.shared
        while true {
            let spawnCount = registry.lock.withLock { $0.spawnCount }
            let pid = krs_wait_for_exited_child()
            if pid > 0 {
                reap(pid, registry: registry)
                continue
            }
            let error = errno
            switch error {
            case EINTR:
                continue
            case ECHILD:
                registry.lock.wait(until: { $0.spawnCount != spawnCount })
            default:
                Logger.processSupervision.error("waitid failed", metadata: ["errno": "\(error)"])
                usleep(100_000)
            }
        }
    }

    private static func reap(_ pid: Int32, registry: ChildRegistry) {
        let reapedAt = ContinuousClock.now
        var status: Int32 = 0
        var usage = rusage()
        let process = registry.lock.withLock { state in
            let process = state.children.removeValue(forKey: pid)
            // The zombie still reserves its pid and process group, so killing
            // the group here cannot hit an unrelated group that reuses the id.
            process?.mainProcessWillBeReaped()
            while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
            return process
        }
        guard let process else {
            Logger.processSupervision.debug(
                "reaped orphan", metadata: ["pid": "\(pid)", "status": "\(status)"])
            return
        }
        process.mainProcessExited(
            TerminationStatus(waitStatus: status, usage: usage, wallTime: reapedAt - process.startTime))
    }
}
