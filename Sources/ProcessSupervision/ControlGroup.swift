import Glibc
import InputDetection
import Synchronization

/// A pids control group holding one run.
///
/// It caps how many processes the run may have at once (a fork bomb stays contained even when
/// the daemon runs as root, where RLIMIT_NPROC does not apply) and lists every member, so the
/// daemon can kill processes that left the run's process group with `setsid`. Used only where
/// this process may create cgroups; elsewhere runs fall back to process groups alone.
final class ControlGroup: Sendable {
    /// The group's directory.
    let path: String
    /// `cgroup.procs`, open for writing: the child writes "0" into it before exec to join.
    let membershipDescriptor: Int32

    private init(path: String, membershipDescriptor: Int32) {
        self.path = path
        self.membershipDescriptor = membershipDescriptor
    }

    /// A new group under the daemon's own, with at most `processLimit` members; nil where
    /// cgroups cannot be created here.
    static func make(processLimit: Int?) -> ControlGroup? {
        guard let parent = Hierarchy.shared.parent else { return nil }
        Hierarchy.shared.removeLeftovers()
        let path = parent + "/kernel-runner.\(getpid()).\(Hierarchy.shared.nextSerial())"
        guard mkdir(path, 0o700) == 0 else { return nil }
        if let processLimit, !write(String(max(processLimit, 1)), to: path + "/pids.max") {
            rmdir(path)
            return nil
        }
        let descriptor = open(path + "/cgroup.procs", O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            rmdir(path)
            return nil
        }
        return ControlGroup(path: path, membershipDescriptor: descriptor)
    }

    /// The pids of the members right now.
    var members: [Int32] {
        guard let text = ProcFS.text(of: path + "/cgroup.procs") else { return [] }
        return text.split(separator: "\n").compactMap { Int32($0) }
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

    /// Closes the group; its directory goes once its last (reaped) member is gone.
    func remove() {
        close(membershipDescriptor)
        if rmdir(path) != 0 {
            Hierarchy.shared.deferRemoval(of: path)
        }
    }

    /// Where the daemon's run groups live: beside the daemon in the pids hierarchy (cgroup v1
    /// `pids` controller, or v2 with pids enabled), one `kernel-runner.<pid>.<n>` per run, so
    /// nothing is left behind once the runs are reaped.
    private final class Hierarchy: Sendable {
        static let shared = Hierarchy()

        let parent: String?
        private let state = Mutex((serial: 0, leftovers: [String]()))

        private init() {
            parent = Self.locateParent()
            if let parent { Self.removeGroupsOfDeadDaemons(in: parent) }
        }

        /// A daemon killed with SIGKILL cannot remove its run groups; the next one does.
        private static func removeGroupsOfDeadDaemons(in parent: String) {
            guard let directory = opendir(parent) else { return }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                let fields = name.split(separator: ".")
                guard fields.count == 3, fields[0] == "kernel-runner", let pid = Int32(fields[1]),
                      Glibc.kill(pid, 0) != 0, errno == ESRCH else { continue }
                rmdir(parent + "/" + name)
            }
        }

        func nextSerial() -> Int {
            state.withLock { state in
                state.serial += 1
                return state.serial
            }
        }

        func deferRemoval(of path: String) {
            state.withLock { $0.leftovers.append(path) }
        }

        /// Removes the directories of earlier runs whose members have been reaped since.
        func removeLeftovers() {
            state.withLock { state in
                state.leftovers.removeAll { rmdir($0) == 0 || errno == ENOENT }
            }
        }

        private static func locateParent() -> String? {
            guard let lines = ProcFS.text(of: "/proc/self/cgroup")?.split(separator: "\n") else { return nil }
            var candidates: [String] = []
            for line in lines {
                let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
                guard fields.count == 3 else { continue }
                let own = fields[2] == "/" ? "" : String(fields[2])
                if fields[1].split(separator: ",").contains("pids") {
                    candidates.append("/sys/fs/cgroup/pids" + own)
                } else if fields[0] == "0", fields[1].isEmpty,
                          ProcFS.text(of: "/sys/fs/cgroup/cgroup.controllers")?.contains("pids") == true {
                    candidates.append("/sys/fs/cgroup" + own)
                }
            }
            return candidates.first { base in
                let probe = base + "/kernel-runner.\(getpid()).probe"
                guard mkdir(probe, 0o700) == 0 else { return false }
                defer { rmdir(probe) }
                return access(probe + "/pids.max", F_OK) == 0
            }
        }
    }
}

private func write(_ text: String, to path: String) -> Bool {
    let descriptor = open(path, O_WRONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } == bytes.count
}
