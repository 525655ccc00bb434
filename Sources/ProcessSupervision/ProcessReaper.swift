import CSystem
import Glibc
import Logging
import Synchronization
import SystemSupport

/// Reaps the orphans re-parented to the daemon (as PID 1 or as child subreaper), and the main
/// processes of runs whose I/O threads have not come to it yet.
///
/// A run's I/O thread learns of its main process's end from its pidfd and reaps it, so this
/// thread stays off a run's path: woken by SIGCHLD, it first leaves the I/O threads a grace, then
/// reaps every child that has exited — orphans, and the main process of a run whose I/O thread
/// is held up by a slow consumer of the output (the run's leftovers are killed then, not when the
/// consumer catches up). Once started, no other code in the process may wait for children.
///
/// SIGCHLD reaches it two ways: through a signalfd while every thread blocks the signal (see
/// ``blockChildExits()``; no thread is interrupted, and the exits of a grace's runs wake it
/// once), and through a handler that rings its eventfd on a thread that does not block it.
public enum ProcessReaper {
    /// Blocks SIGCHLD in the calling thread and the threads it starts later. A daemon calls it
    /// first thing, before any other thread exists: a run's end then interrupts no thread.
    public static func blockChildExits() {
        krs_block_child_exits()
    }

    /// Becomes child subreaper (unless PID 1) and starts the reaping thread. Idempotent;
    /// ``SupervisedProcess/spawn(_:handlers:)`` calls it too, but a daemon calls it first: it
    /// needs a descriptor, which a daemon out of descriptors cannot open (it is retried then).
    public static func start() {
        wakeup.withLock { wakeup in
            guard wakeup == nil else { return }
            if getpid() != 1 {
                let error = krs_become_subreaper()
                if error != 0 {
                    Logger.processSupervision.warning(
                        "cannot become child subreaper; orphans of runs will not be reaped here",
                        metadata: ["errno": "\(error)"])
                }
            }
            do {
                let started = try WakeupDescriptor()
                let pending = krs_child_exit_descriptor()
                if pending < 0 {
                    Logger.processSupervision.warning(
                        "no signalfd for SIGCHLD; the reaper is woken by its handler only", metadata: ["errno": "\(errno)"])
                }
                // The thread keeps the descriptors open for good: the handler may write to one.
                try OSThread.detach(name: "krs-reaper") { reapForever(wakeup: started, pending: pending) }
                wakeup = started
                let error = krs_notify_child_exits(started.fileDescriptor)
                if error != 0 {
                    Logger.processSupervision.error(
                        "cannot handle SIGCHLD; orphans are reaped only when a run ends", metadata: ["errno": "\(error)"])
                }
            } catch {
                Logger.processSupervision.error("cannot start the reaper of orphans (retried at the next spawn): \(error)")
            }
        }
    }

    /// The reaper's wake-up, once it runs.
    private static let wakeup = Mutex<WakeupDescriptor?>(nil)

    /// How long a run's I/O thread has to reap its main process before the reaper does: racing
    /// it for the registry's lock would delay the run's end. The exits of back-to-back runs
    /// meanwhile are handled in one pass.
    static let grace = Duration.milliseconds(10)

    private static func reapForever(wakeup: WakeupDescriptor, pending: Int32) {
        var descriptors = [
            pollfd(fd: wakeup.fileDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: pending, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            reapExitedChildren()
            while poll(&descriptors, 2, -1) < 0 {}
            // Signals never interrupt this thread (OSThread blocks them).
            usleep(UInt32(grace / .microseconds(1)))
            wakeup.drain()
            // Before reaping: an exit after it marks the signal pending again.
            if pending >= 0 { krs_drain_child_exits(pending) }
        }
    }

    private static func reapExitedChildren() {
        while true {
            let pid = krs_exited_child()
            if pid < 0, errno != ECHILD {
                Logger.processSupervision.error("waitid failed", metadata: ["errno": "\(errno)"])
            }
            guard pid > 0 else { return }
            if ChildRegistry.shared.reapExited(pid) {
                Logger.processSupervision.debug("reaped orphan", metadata: ["pid": "\(pid)"])
            }
        }
    }
}
