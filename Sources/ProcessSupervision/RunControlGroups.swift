import Glibc
import SystemSupport

/// The control groups holding one run: one directory per hierarchy whose controller the run
/// needs (cgroup v1 mounts pids and memory separately; on v2 one directory has both).
///
/// The pids group caps how many processes the run may have at once (a fork bomb stays
/// contained even when the daemon runs as root, where RLIMIT_NPROC does not apply) and lists
/// every member, so the daemon can kill processes that left the run's process group with
/// `setsid`. The memory group, made only when the run has a memory limit, limits the memory of
/// the whole run and counts the processes the kernel killed when the run reached it. Where a
/// group cannot be made, runs fall back to process groups and rlimits.
final class RunControlGroups: Sendable {
    private struct Group: Sendable {
        let path: String
        let hierarchy: ControlGroupHierarchy
        /// `cgroup.procs`, open for writing: the child writes "0" into it before exec to join.
        let membershipDescriptor: Int32

        init?(in hierarchy: ControlGroupHierarchy) {
            guard let path = hierarchy.makeGroup() else { return nil }
            let descriptor = open(path + "/cgroup.procs", O_WRONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                hierarchy.removeGroup(path)
                return nil
            }
            self.path = path
            self.hierarchy = hierarchy
            membershipDescriptor = descriptor
        }

        func remove() {
            close(membershipDescriptor)
            hierarchy.removeGroup(path)
        }
    }

    private let groups: [Group]
    /// Whether the pids group enforces the run's process limit.
    let limitsProcesses: Bool
    /// The memory limit the memory group enforces on the whole run, and the file where the
    /// kernel counts the processes it killed at that limit (`oom_kill`).
    private let memory: (limit: Int, eventsPath: String)?

    private init(groups: [Group], limitsProcesses: Bool, memory: (limit: Int, eventsPath: String)?) {
        self.groups = groups
        self.limitsProcesses = limitsProcesses
        self.memory = memory
    }

    /// New groups under the daemon's own for a run with at most `processLimit` processes and
    /// `memoryLimit` bytes of memory; nil where no group can be created here.
    static func make(processLimit: Int?, memoryLimit: Int?) -> RunControlGroups? {
        var groups: [Group] = []
        var limitsProcesses = false
        if let hierarchy = ControlGroupHierarchy.serving(.pids), let group = Group(in: hierarchy) {
            groups.append(group)
            if let processLimit {
                limitsProcesses = write(String(max(processLimit, 1)), to: group.path + "/pids.max")
            }
        }
        var memory: (limit: Int, eventsPath: String)?
        if let memoryLimit, let hierarchy = ControlGroupHierarchy.serving(.memory) {
            let shared = groups.first { $0.hierarchy === hierarchy }
            if let group = shared ?? Group(in: hierarchy) {
                if limitMemory(of: group.path, to: memoryLimit, version: hierarchy.version) {
                    let events = hierarchy.version == .v1 ? "/memory.oom_control" : "/memory.events"
                    memory = (memoryLimit, group.path + events)
                }
                if shared == nil {
                    if memory == nil { group.remove() } else { groups.append(group) }
                }
            }
        }
        guard !groups.isEmpty else { return nil }
        return RunControlGroups(groups: groups, limitsProcesses: limitsProcesses, memory: memory)
    }

    /// The memory limit the memory group enforces on the whole run; nil without one.
    var memoryLimit: Int? {
        memory?.limit
    }

    /// The `cgroup.procs` descriptors the child writes to, one per group.
    var membershipDescriptors: [Int32] {
        groups.map(\.membershipDescriptor)
    }

    /// The pids of the members right now (every group has them all).
    var members: [Int32] {
        guard let group = groups.first, let text = FileSystem.text(of: group.path + "/cgroup.procs") else { return [] }
        return text.split(separator: "\n").compactMap { Int32($0) }
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
            if pids.isEmpty { return }
            for pid in pids {
                _ = Glibc.kill(pid, SIGKILL)
            }
        }
    }

    /// Kills the members still alive and waits, at most `limit`, until none is left: pipes reach
    /// EOF while a killed process is still exiting, and a process that closed them never held
    /// the run open. One read of `cgroup.procs` when the run left nothing behind.
    func endAll(within limit: Duration = .seconds(2)) {
        let deadline = ContinuousClock.now + limit
        while !members.isEmpty, ContinuousClock.now < deadline {
            killAll()
            usleep(1000)
        }
    }

    /// Closes the groups; their directories go once their last (reaped) member is gone.
    func remove() {
        for group in groups {
            group.remove()
        }
    }

    /// Sets the memory limit of a group; where swap is accounted it is closed too, so swapping
    /// cannot dodge the limit, and on v2 the kernel kills the whole run at once (`oom.group`).
    private static func limitMemory(of path: String, to bytes: Int, version: ControlGroupHierarchy.Version) -> Bool {
        let limit = String(max(bytes, 0))
        switch version {
        case .v1:
            // memsw (memory + swap) may not be set below the memory limit: it goes second.
            return write(limit, to: path + "/memory.limit_in_bytes")
                && writeIfPresent(limit, to: path + "/memory.memsw.limit_in_bytes")
        case .v2:
            return write(limit, to: path + "/memory.max")
                && writeIfPresent("0", to: path + "/memory.swap.max")
                && writeIfPresent("1", to: path + "/memory.oom.group")
        }
    }

    private static func writeIfPresent(_ text: String, to path: String) -> Bool {
        access(path, F_OK) != 0 || write(text, to: path)
    }

    private static func write(_ text: String, to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } == bytes.count
    }
}
