import Synchronization

/// Emptied groups without a memory limit serve later runs: making and removing a group costs
/// more than the rest of a short run's spawn. A reused group's `pids.max` is set anew when the
/// process limit differs, and its counters (`pids.peak`, `pids.events`) then cover the earlier
/// runs too; the daemon reads none of them. Memory groups, whose `oom_kill` count decides a
/// run's end reason, are made for each run and removed after it.
extension RunControlGroups {
    /// Emptied groups, waiting for the next run.
    private static let idle = Mutex<[ControlGroup]>([])
    /// How many emptied groups wait at most: runs follow one another, so few are in use at once.
    private static let idleCapacity = 4

    /// An emptied group of `hierarchy` with `pids.max` set for `processLimit`; nil when none
    /// waits (or its limit cannot be changed, and it is removed).
    static func reusedGroup(in hierarchy: ControlGroupHierarchy, processLimit: Int?) -> ControlGroup? {
        let waiting = idle.withLock { idle in
            idle.lastIndex { $0.hierarchy === hierarchy }.map { idle.remove(at: $0) }
        }
        guard var group = waiting else { return nil }
        let wanted = hierarchy.controllers.contains(.pids) ? processLimit.map { max($0, 1) } : nil
        if group.processLimit != wanted, !group.limitProcesses(to: wanted) {
            group.remove()
            return nil
        }
        return group
    }

    /// Keeps an emptied group for a later run; false when enough wait already.
    func keepForReuse(_ group: ControlGroup) -> Bool {
        Self.idle.withLock { idle in
            guard idle.count < Self.idleCapacity else { return false }
            idle.append(group)
            return true
        }
    }

    /// Removes the emptied groups that wait for runs: when the daemon stops.
    static func removeIdle() {
        for group in idle.withLock({ idle in
            defer { idle = [] }
            return idle
        }) {
            group.remove()
        }
    }
}
