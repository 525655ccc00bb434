/// Tells whether any thread of a run is blocked waiting to read the run's
/// standard input: in read/readv/pread on it, or in epoll, poll or select with
/// it in the watched read set.
///
/// Inspecting another process's threads needs ptrace-level access (same user,
/// dumpable process), which a daemon has over its own descendants.
public struct StandardInputReadProbe: Sendable {
    /// The run's standard input.
    public var input: StandardInputIdentity

    /// Creates a probe for the given input.
    public init(input: StandardInputIdentity) {
        self.input = input
    }

    /// Whether a thread of `root` or of one of its descendants is blocked
    /// waiting for the input to become readable.
    public func isBlockedReading(inProcessTreeOf root: Int32) -> Bool {
        ProcessTree.members(of: root).contains { pid in
            ProcFS.numericEntries(of: "/proc/\(pid)/task").contains { thread in
                guard let blocked = BlockedThread(pid: pid, thread: thread) else { return false }
                return blocked.awaitedDescriptors().contains { fd in
                    guard let target = ProcFS.linkTarget(of: "/proc/\(pid)/fd/\(fd)") else { return false }
                    return input.matches(linkTarget: target, process: pid)
                }
            }
        }
    }
}
