import CSpawn
import Glibc
import Synchronization

/// One pseudo-terminal kept ready for the next run: opening and configuring one takes tens of
/// microseconds that a run would otherwise spend before its program starts, and setting up and
/// tearing down a terminal in the kernel costs more than resetting one. The I/O thread of a run
/// that had a terminal hands it back when the run is over and nothing holds it any more
/// (``recycle(master:)``), or opens a new one.
enum TerminalReserve {
    private static let spare = Mutex<(master: Int32, slave: Int32)?>(nil)

    /// A configured terminal: (non-blocking master, slave), both close-on-exec.
    static func take() throws(SpawnError) -> (master: Int32, slave: Int32) {
        if let terminal = spare.withLock({ $0.take() }) {
            return terminal
        }
        return try open()
    }

    /// Opens a spare unless one is waiting; a failure is left for the next run to report.
    static func refill() {
        guard spare.withLock({ $0 == nil }), let terminal = try? open() else { return }
        keep(terminal)
    }

    /// Keeps the terminal of a finished run as the spare, reset as new, when its master read
    /// the end (no process has the slave open) and no session has it as controlling terminal;
    /// false when it cannot serve again, and the caller closes `master`.
    static func recycle(master: Int32) -> Bool {
        guard spare.withLock({ $0 == nil }) else { return false }
        var slave: Int32 = -1
        let error = krs_reuse_pseudo_terminal(
            master, StandardIOConnections.terminalColumns, StandardIOConnections.terminalRows, &slave)
        guard error == 0 else { return false }
        keep((master, slave))
        return true
    }

    /// Makes `terminal` the spare, or closes it when another became the spare meanwhile.
    private static func keep(_ terminal: (master: Int32, slave: Int32)) {
        let surplus = spare.withLock { spare in
            guard spare == nil else { return Optional(terminal) }
            spare = terminal
            return nil
        }
        if let surplus {
            close(surplus.master)
            close(surplus.slave)
        }
    }

    private static func open() throws(SpawnError) -> (master: Int32, slave: Int32) {
        var master: Int32 = -1
        var slave: Int32 = -1
        let error = krs_open_pseudo_terminal(
            &master, &slave, StandardIOConnections.terminalColumns, StandardIOConnections.terminalRows)
        guard error == 0 else { throw SpawnError(code: .pseudoTerminal, errno: error) }
        return (master, slave)
    }
}
