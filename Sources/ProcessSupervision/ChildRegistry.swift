import SystemSupport

/// The runs whose main process has not been reaped yet, by pid.
///
/// Spawning happens with the registry locked and the reaper looks pids up with
/// it locked, so a child that exits at once is never mistaken for an orphan.
final class ChildRegistry: Sendable {
    struct State {
        var children: [Int32: SupervisedProcess] = [:]
        /// Bumped on every spawn attempt, so a reaper that found no children
        /// knows when to look again.
        var spawnCount: UInt64 = 0
    }

    static let shared = ChildRegistry()

    let lock = ConditionLock(State())

    /// Runs `spawn` with the registry locked and registers the process it creates.
    func launch(_ spawn: () throws(SpawnError) -> SupervisedProcess) throws(SpawnError) -> SupervisedProcess {
        // Even a failed spawn may have left a child (exited 127) to reap.
        defer { lock.broadcast() }
        return try lock.withLock { state throws(SpawnError) in
            state.spawnCount &+= 1
            let process = try spawn()
            state.children[process.pid] = process
            return process
        }
    }
}
