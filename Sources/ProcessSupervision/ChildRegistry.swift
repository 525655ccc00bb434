import CSystem
import SystemSupport

/// The main processes of runs that are not reaped yet, by pid. Whoever learns first that one
/// has exited reaps it: its I/O thread (from its pidfd) or the reaper (from SIGCHLD), which
/// also reaps orphans, and which matters when an I/O thread is held up by a slow consumer.
///
/// Spawning and reaping happen with the registry locked, so a child that exits at once is
/// never taken for an orphan, and a process is reaped exactly once. The lock is a
/// `ConditionLock` (a pthread mutex), which ThreadSanitizer follows when it is contended: a
/// process created by one thread is reaped by another under it.
final class ChildRegistry: Sendable {
    static let shared = ChildRegistry()

    private let supervised = ConditionLock<[Int32: SupervisedProcess]>([:])

    /// Runs `spawn` with the registry locked, which also serialises spawns (every child runs on
    /// one stack until its execve), and registers the process it returns.
    func launch(_ spawn: () throws(SpawnError) -> SupervisedProcess) throws(SpawnError) -> SupervisedProcess {
        try supervised.withLock { supervised throws(SpawnError) in
            let process = try spawn()
            supervised[process.pid] = process
            return process
        }
    }

    /// Reaps `process`'s main process, which has exited, unless that was done already.
    func reap(_ process: SupervisedProcess) {
        supervised.withLock { supervised in
            guard supervised[process.pid] === process else { return }
            supervised[process.pid] = nil
            process.reapMainProcessLocked()
        }
    }

    /// Reaps the exited child `pid`, a supervised main process or an orphan; returns whether it
    /// was an orphan.
    func reapExited(_ pid: Int32) -> Bool {
        supervised.withLock { supervised in
            // Still the child that was seen exiting: reaped meanwhile, its pid may be a new run's.
            guard krs_child_has_exited(pid) == 1 else { return false }
            guard let process = supervised.removeValue(forKey: pid) else {
                return krs_reap_child(pid) == 0
            }
            process.reapMainProcessLocked()
            return false
        }
    }
}
