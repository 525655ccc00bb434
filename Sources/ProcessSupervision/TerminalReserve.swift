import CSpawn
import Glibc
import Synchronization

/// One pseudo-terminal opened ahead of time: opening and configuring one takes tens of
/// microseconds that a run would otherwise spend before its program starts. The I/O thread of a
/// run that had a terminal opens the next one after the run is over.
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
