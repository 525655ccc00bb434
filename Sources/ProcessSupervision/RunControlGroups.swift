import Glibc
import Synchronization
import SystemSupport

/// The control groups holding one run: one directory per hierarchy whose controller the run
/// needs (cgroup v1 mounts pids and memory separately; on v2 one directory has both).
///
/// The group lists every member, so the daemon can kill processes that left the run's process
/// group with `setsid`; its pids controller caps how many processes the run may have at once (a
/// fork bomb stays contained even when the daemon runs as root, where RLIMIT_NPROC does not
/// apply); its memory controller, used only when the run has a memory limit, limits the memory
/// of the whole run and counts the processes the kernel killed when the run reached it. Where a
/// group cannot be made, runs fall back to process groups and rlimits.
///
/// The cgroup v2 hierarchy is preferred wherever it has the controllers the run needs (on a
/// hybrid host it may have none, and still lists members): the child is created in its group,
/// while joining a v1 group moves the child, which waits for an RCU grace period (milliseconds)
/// once spawns are more than a few milliseconds apart.
final class RunControlGroups: Sendable {
    private let groups: [ControlGroup]
    /// Whether the groups are one group without a memory limit, which may serve another run once
    /// emptied (see `RunControlGroups+Reuse.swift`).
    let isReusable: Bool
    /// Set once the groups were seen without members: none can join afterwards.
    private let isEmptied = Atomic(false)
    /// Whether the pids controller enforces the run's process limit.
    let limitsProcesses: Bool
    /// The memory limit the memory group enforces on the whole run, and the file where the
    /// kernel counts the processes it killed at that limit (`oom_kill`).
    private let memory: (limit: Int, eventsPath: String)?

    private init(groups: [ControlGroup], limitsProcesses: Bool, memory: (limit: Int, eventsPath: String)?) {
        self.groups = groups
        self.limitsProcesses = limitsProcesses
        self.memory = memory
        isReusable = groups.count == 1 && memory == nil
    }

    /// Groups under the daemon's own for a run with at most `processLimit` processes and
    /// `memoryLimit` bytes of memory; nil where no group can be created here.
    static func make(processLimit: Int?, memoryLimit: Int?) -> RunControlGroups? {
        var needed: Set<ControlGroupHierarchy.Controller> = []
        if processLimit != nil { needed.insert(.pids) }
        if memoryLimit != nil { needed.insert(.memory) }
        if let unified = ControlGroupHierarchy.unified, needed.isSubset(of: unified.controllers) {
            return make(in: unified, processLimit: processLimit, memoryLimit: memoryLimit)
        }
        guard
            var groups = ControlGroupHierarchy.serving(.pids).flatMap({ make(in: $0, processLimit: processLimit, memoryLimit: nil) })?
                .groups
        else {
            return memoryLimit.flatMap { limit in
                ControlGroupHierarchy.serving(.memory).flatMap { make(in: $0, processLimit: nil, memoryLimit: limit) }
            }
        }
        let limitsProcesses = processLimit != nil && groups[0].processLimit != nil
        var memory: (limit: Int, eventsPath: String)?
        if let memoryLimit, let hierarchy = ControlGroupHierarchy.serving(.memory), let group = ControlGroup(in: hierarchy) {
            if group.limitMemory(to: memoryLimit) {
                memory = (memoryLimit, group.memoryEventsPath)
                groups.append(group)
            } else {
                group.remove()
            }
        }
        return RunControlGroups(groups: groups, limitsProcesses: limitsProcesses, memory: memory)
    }

    /// One group in `hierarchy` with the limits it can enforce.
    private static func make(in hierarchy: ControlGroupHierarchy, processLimit: Int?, memoryLimit: Int?) -> RunControlGroups? {
        let reused = memoryLimit == nil ? reusedGroup(in: hierarchy, processLimit: processLimit) : nil
        guard var group = reused ?? ControlGroup(in: hierarchy) else { return nil }
        let limitsProcesses =
            processLimit != nil && hierarchy.controllers.contains(.pids)
            && (group.processLimit == processLimit.map { max($0, 1) } || group.limitProcesses(to: processLimit))
        var memory: (limit: Int, eventsPath: String)?
        if let memoryLimit, hierarchy.controllers.contains(.memory), group.limitMemory(to: memoryLimit) {
            memory = (memoryLimit, group.memoryEventsPath)
        }
        return RunControlGroups(groups: [group], limitsProcesses: limitsProcesses, memory: memory)
    }

    /// The memory limit the memory group enforces on the whole run; nil without one.
    var memoryLimit: Int? {
        memory?.limit
    }

    /// The `cgroup.procs` descriptors the child writes to, one per v1 group.
    var membershipDescriptors: [Int32] {
        groups.filter { $0.directoryDescriptor < 0 }.map(\.membershipDescriptor)
    }

    /// The v2 group the child is created in: its directory and, for where it cannot be created
    /// there, its `cgroup.procs`.
    var birthGroup: (directory: Int32, membership: Int32)? {
        groups.first { $0.directoryDescriptor >= 0 }.map { ($0.directoryDescriptor, $0.membershipDescriptor) }
    }

    /// The pids of the members right now (every group has them all).
    var members: [Int32] {
        groups.first?.members ?? []
    }

    /// How many processes of the run the kernel killed because the run reached its memory
    /// limit (0 without a memory group, or on kernels before 4.13 whose v1 groups do not count).
    var memoryLimitKills: Int {
        guard let memory, let text = FileSystem.text(of: memory.eventsPath) else { return 0 }
        return FlatKeyedValues(text)["oom_kill"] ?? 0
    }

    /// SIGKILLs every member until none is left alive (members that fork while we kill them
    /// are caught by the next pass; the pass count bounds a runaway).
    func killAll() {
        for _ in 0..<64 {
            let pids = members
            if pids.isEmpty {
                // A process leaves the list when it exits, and only members fork into it.
                isEmptied.store(true, ordering: .relaxed)
                return
            }
            for pid in pids {
                _ = Glibc.kill(pid, SIGKILL)
            }
        }
    }

    /// Kills the members still alive and waits, at most `limit`, until none is left: pipes reach
    /// EOF while a killed process is still exiting, and a process that closed them never held
    /// the run open. Reads nothing when the groups were already seen empty.
    func endAll(within limit: Duration = .seconds(2)) {
        let deadline = ContinuousClock.now + limit
        while !isEmptied.load(ordering: .relaxed), ContinuousClock.now < deadline {
            killAll()
            if !isEmptied.load(ordering: .relaxed) { usleep(1000) }
        }
    }

    /// Hands an emptied reusable group to the next run, as long as there is room; true when it
    /// now waits for one. Done before the run's waiters learn its end, so that a run they start
    /// right away finds it.
    func keepIfReusable() -> Bool {
        isReusable && isEmptied.load(ordering: .relaxed) && keepForReuse(groups[0])
    }

    /// Closes the groups; their directories go once their last (reaped) member is gone.
    func remove() {
        for group in groups {
            group.remove()
        }
    }
}
