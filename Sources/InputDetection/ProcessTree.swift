/// Enumerates the processes of a run.
public enum ProcessTree {
    /// `root` and its descendants, from the per-thread `children` lists; when the
    /// kernel lacks those (CONFIG_PROC_CHILDREN), every process of root's session.
    public static func members(of root: Int32) -> [Int32] {
        guard ProcFS.contents(of: "/proc/\(root)/task/\(root)/children") != nil else {
            return sessionMembers(of: root)
        }
        var members = [root]
        var next = 0
        while next < members.count {
            let pid = members[next]
            next += 1
            for thread in ProcFS.numericEntries(of: "/proc/\(pid)/task") {
                guard let list = ProcFS.text(of: "/proc/\(pid)/task/\(thread)/children") else { continue }
                members += list.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int32($0) }
            }
        }
        return members
    }

    private static func sessionMembers(of leader: Int32) -> [Int32] {
        ProcFS.numericEntries(of: "/proc").filter { ProcessStat(pid: $0)?.session == leader }
    }
}
