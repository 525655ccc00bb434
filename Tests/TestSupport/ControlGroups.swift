import Foundation

/// The control groups the daemon puts its runs in, as the tests see them: whether the daemon
/// can make them here, and where a daemon's run groups are.
///
/// The daemon (ProcessSupervision's `ControlGroupHierarchy`) uses a hierarchy only where it
/// can create a group beside its own that gets the controller's files; without one, runs fall
/// back to process groups and rlimits, which neither cap a fork bomb run as root nor catch a
/// process that called `setsid`.
public enum ControlGroups {
    /// A controller whose groups hold runs.
    public enum Controller: String, Sendable {
        case pids, memory

        /// The file whose presence in a new group shows it has this controller, as the daemon
        /// probes it.
        func probeFile(unified: Bool) -> String {
            switch (self, unified) {
            case (.pids, _): "pids.max"
            case (.memory, false): "memory.limit_in_bytes"
            case (.memory, true): "memory.max"
            }
        }
    }

    /// Whether a daemon started by this test process can put its runs in groups with
    /// `controller`, decided as the daemon decides: a group created in this process's own
    /// group gets the controller's files (the daemon's own group is such a group, made by the
    /// harness, and it runs as the same user). Always true in CI, which runs as root on
    /// machines that have them: there a missing one fails the test instead of skipping it.
    public static func canBeCreated(_ controller: Controller) -> Bool {
        Toolchain.isCI || canCreateHere(controller)
    }

    /// The directory of `pid`'s group in the hierarchy of `controller` (cgroup v1), or its
    /// unified group when that has the controller (v2).
    public static func group(of pid: pid_t, _ controller: Controller) -> String? {
        hierarchy(of: pid, controller)?.group
    }

    /// The run groups (`kernel-runner.<pid>.<n>`) the daemon `pid` has now in the hierarchy of
    /// `controller`.
    public static func runGroups(ofDaemon pid: pid_t, _ controller: Controller) -> [String] {
        guard let parent = group(of: pid, controller),
            let entries = try? FileManager.default.contentsOfDirectory(atPath: parent)
        else { return [] }
        return entries.filter { $0.hasPrefix("kernel-runner.\(pid).") }.sorted().map { parent + "/" + $0 }
    }

    /// The counters of a run's pids group (`group` as ``runGroups(ofDaemon:_:)`` lists it): its
    /// limit, the most processes it ever held at once, and how many forks it refused at the
    /// limit. Nil when the group is gone (its run ended) or lacks the files (`pids.peak` needs
    /// Linux 6.1+).
    public static func processCounters(of group: String) -> (limit: String, peak: Int, refusedForks: Int)? {
        func read(_ name: String) -> String? {
            (try? String(contentsOfFile: group + "/" + name, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let limit = read("pids.max"), let peak = read("pids.peak").flatMap({ Int($0) }),
            let events = read("pids.events")
        else { return nil }
        let refused = events.split(separator: "\n").first { $0.hasPrefix("max ") }.flatMap { Int($0.dropFirst(4)) }
        return refused.map { (limit, peak, $0) }
    }

    /// Creates and removes a probe group as the daemon does.
    private static func canCreateHere(_ controller: Controller) -> Bool {
        guard let (parent, unified) = hierarchy(of: getpid(), controller) else { return false }
        let probe = parent + "/kernel-runner-test-probe.\(getpid())"
        guard mkdir(probe, 0o700) == 0 else { return false }
        defer { rmdir(probe) }
        return access(probe + "/" + controller.probeFile(unified: unified), F_OK) == 0
    }

    private static func hierarchy(of pid: pid_t, _ controller: Controller) -> (group: String, unified: Bool)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/cgroup", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let own = fields[2] == "/" ? "" : String(fields[2])
            if fields[1].split(separator: ",").contains(Substring(controller.rawValue)) {
                return ("/sys/fs/cgroup/" + fields[1] + own, false)
            }
            if fields[0] == "0", fields[1].isEmpty,
                (try? String(contentsOfFile: "/sys/fs/cgroup/cgroup.controllers", encoding: .utf8))?
                    .split(separator: " ").contains(where: { $0.trimmingCharacters(in: .whitespacesAndNewlines) == controller.rawValue })
                    == true
            {
                return ("/sys/fs/cgroup" + own, true)
            }
        }
        return nil
    }
}
