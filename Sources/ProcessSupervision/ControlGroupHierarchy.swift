import Glibc
import Synchronization
import SystemSupport

/// A cgroup hierarchy in which the daemon creates its runs' groups: beside its own group, one
/// `kernel-runner.<pid>.<n>` directory per run, so nothing is left behind once the runs are reaped.
///
/// cgroup v1 mounts each controller as a hierarchy of its own (`/sys/fs/cgroup/pids`,
/// `/sys/fs/cgroup/memory`); v2 has one unified hierarchy (`/sys/fs/cgroup`, or
/// `/sys/fs/cgroup/unified` beside v1 ones on a hybrid host) whose directories carry every
/// enabled controller. Only hierarchies where this process may create groups are used: v1 ones
/// with a controller a run needs, the v2 one even without controllers (its groups still list
/// their members, which is what catches a process that left its run's process group).
final class ControlGroupHierarchy: Sendable {
    /// A controller a run's groups use.
    enum Controller: String, Sendable, CaseIterable {
        case pids, memory
    }

    enum Version: Sendable {
        case v1, v2
    }

    /// The directory the run groups are created in (the daemon's own group).
    let parent: String
    let version: Version
    /// The controllers of the groups created here.
    let controllers: Set<Controller>
    private let state = Mutex((serial: 0, leftovers: [String]()))

    private init(parent: String, version: Version, controllers: Set<Controller>) {
        self.parent = parent
        self.version = version
        self.controllers = controllers
    }

    /// The hierarchies of this process that serve at least one controller, located once.
    private static let usable: [ControlGroupHierarchy] = locate()

    /// The hierarchy with `controller`, nil where this process cannot create such groups.
    static func serving(_ controller: Controller) -> ControlGroupHierarchy? {
        usable.first { $0.controllers.contains(controller) }
    }

    /// The cgroup v2 hierarchy, where this process can create groups there.
    static var unified: ControlGroupHierarchy? {
        usable.first { $0.version == .v2 }
    }

    /// A new, empty group; nil if it cannot be created.
    func makeGroup() -> String? {
        removeLeftovers()
        // A group of an earlier daemon with the same (reused) pid may still be there: the next
        // serial then, never that group.
        for _ in 0..<Self.collisionAttempts {
            let serial = state.withLock { state in
                state.serial += 1
                return state.serial
            }
            let path = parent + "/kernel-runner.\(getpid()).\(serial)"
            if mkdir(path, 0o700) == 0 { return path }
            guard errno == EEXIST else { return nil }
        }
        return nil
    }

    /// How many existing groups `makeGroup` steps over before it gives up.
    private static let collisionAttempts = 64

    /// Removes a group; while it still has members (killed, not yet gone), it is retried when the
    /// next group is made.
    func removeGroup(_ path: String) {
        if !Self.removeTree(path) {
            state.withLock { $0.leftovers.append(path) }
        }
    }

    private func removeLeftovers() {
        state.withLock { state in
            state.leftovers.removeAll(where: Self.removeTree)
        }
    }

    /// Removes a group and the groups inside it, deepest first: a daemon started by a run makes
    /// its own run groups inside that run's group, and is killed with the run before it can remove
    /// them. True once the group is gone; false while a member is still exiting.
    private static func removeTree(_ path: String) -> Bool {
        if rmdir(path) == 0 || errno == ENOENT { return true }
        guard errno == EBUSY || errno == ENOTEMPTY, let names = try? FileSystem.names(in: path) else { return false }
        // A group's own files cannot be removed, only its subgroups (directories) can.
        for name in names where (try? FileSystem.status(of: path + "/" + name, followingLinks: false))?.kind == .directory {
            _ = removeTree(path + "/" + name)
        }
        return rmdir(path) == 0 || errno == ENOENT
    }

    /// The file whose presence in a new group shows it has `controller` (and may be limited).
    private static func probeFile(of controller: Controller, in version: Version) -> String {
        switch (controller, version) {
        case (.pids, _): "pids.max"
        case (.memory, .v1): "memory.limit_in_bytes"
        case (.memory, .v2): "memory.max"
        }
    }

    /// Reads the daemon's groups from `/proc/self/cgroup` and probes each hierarchy by creating
    /// (and removing) a group there.
    private static func locate() -> [ControlGroupHierarchy] {
        guard let lines = FileSystem.text(of: "/proc/self/cgroup")?.split(separator: "\n") else { return [] }
        var located: [ControlGroupHierarchy] = []
        for line in lines {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let own = fields[2] == "/" ? "" : String(fields[2])
            let parent: String
            let version: Version
            let candidates: [Controller]
            if fields[1].isEmpty {
                guard fields[0] == "0", let mounted = unifiedGroupDirectory(of: own) else { continue }
                (parent, version, candidates) = (mounted, .v2, Controller.allCases)
            } else {
                let mounted = fields[1].split(separator: ",")
                (parent, version) = ("/sys/fs/cgroup/" + fields[1] + own, .v1)
                candidates = Controller.allCases.filter { mounted.contains(Substring($0.rawValue)) }
            }
            guard !candidates.isEmpty else { continue }
            let probe = parent + "/kernel-runner.\(getpid()).probe"
            guard mkdir(probe, 0o700) == 0 else { continue }
            let controllers = candidates.filter { access(probe + "/" + probeFile(of: $0, in: version), F_OK) == 0 }
            rmdir(probe)
            guard !controllers.isEmpty || version == .v2 else { continue }
            removeGroupsOfDeadDaemons(in: parent)
            located.append(ControlGroupHierarchy(parent: parent, version: version, controllers: Set(controllers)))
        }
        return located
    }

    /// The directory of the v2 group `own` (a path in the hierarchy, from `/proc/self/cgroup`):
    /// below the mount point of the cgroup2 file system that shows it, from `/proc/self/mountinfo`.
    private static func unifiedGroupDirectory(of own: String) -> String? {
        guard let text = FileSystem.text(of: "/proc/self/mountinfo") else { return nil }
        for line in text.split(separator: "\n") {
            // "id parent major:minor root mount-point options [optional…] - type source options"
            let fields = line.split(separator: " ")
            guard let separator = fields.firstIndex(of: "-"), separator >= 5, separator + 1 < fields.count,
                fields[separator + 1] == "cgroup2"
            else { continue }
            let root = fields[3] == "/" ? "" : String(fields[3])
            guard own.hasPrefix(root) else { continue }
            return String(fields[4]) + own.dropFirst(root.count)
        }
        return nil
    }

    /// A daemon killed with SIGKILL cannot remove its run groups; the next one does. A run that
    /// was itself a daemon (tests start daemons that way) may have left groups inside its group:
    /// those of dead daemons go first.
    private static func removeGroupsOfDeadDaemons(in parent: String) {
        guard let directory = opendir(parent) else { return }
        var dead: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            let fields = name.split(separator: ".")
            guard fields.count == 3, fields[0] == "kernel-runner", let pid = Int32(fields[1]),
                Glibc.kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            dead.append(parent + "/" + name)
        }
        closedir(directory)
        for group in dead {
            removeGroupsOfDeadDaemons(in: group)
            rmdir(group)
        }
    }
}
