import Foundation
import SystemSupport

/// What `/proc` says about processes, to check that runs leave nothing behind.
///
/// Every process of a stress run carries a token in its environment (set through
/// `environ.txt`), which survives forks, `setsid` and re-parenting: a live process with the
/// token after its run ended escaped.
public enum ProcessTable {
    /// The fields of `/proc/<pid>/stat` the checks need.
    public struct Entry: Sendable, CustomStringConvertible {
        public let pid: pid_t
        public let state: Character
        public let parent: pid_t
        public let session: pid_t
        public let command: String

        public var description: String { "\(pid) [\(state)] ppid \(parent) sid \(session) \(command)" }
    }

    /// Every process now (some may be gone by the time the caller looks).
    public static func entries() -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { pid_t($0) }.compactMap(entry)
    }

    public static func entry(_ pid: pid_t) -> Entry? {
        // The command may hold spaces and parentheses; the fields resume after the last ')'.
        guard let text = text(of: "/proc/\(pid)/stat"),
            let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 4, let state = fields[0].first,
            let parent = pid_t(fields[1]), let session = pid_t(fields[3])
        else { return nil }
        return Entry(
            pid: pid, state: state, parent: parent, session: session,
            command: String(text[text.index(after: open)..<close]))
    }

    /// The processes below `ancestor` (children, their children, …), as far as they still are.
    public static func descendants(of ancestor: pid_t) -> [Entry] {
        let all = entries()
        var found: [Entry] = []
        var parents: Set<pid_t> = [ancestor]
        while true {
            let known = Set(found.map(\.pid))
            let next = all.filter { parents.contains($0.parent) && !known.contains($0.pid) }
            guard !next.isEmpty else { return found }
            found += next
            parents = Set(next.map(\.pid))
        }
    }

    /// Live processes whose environment holds `token` (zombies have no environment left).
    public static func carrying(_ token: String) -> [Entry] {
        let needle = Data(token.utf8)
        return entries().filter { entry in
            guard entry.state != "Z", let environment = FileSystem.contents(of: "/proc/\(entry.pid)/environ", limit: 1 << 20) else {
                return false
            }
            return Data(environment).range(of: needle) != nil
        }
    }

    /// Children of `parent` that exited and were not reaped.
    public static func zombies(childrenOf parent: pid_t) -> [Entry] {
        entries().filter { $0.parent == parent && $0.state == "Z" }
    }

    /// `VmRSS` of a process, in bytes.
    public static func residentBytes(of pid: pid_t) -> Int? {
        guard let status = text(of: "/proc/\(pid)/status"),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kibibytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { return nil }
        return kibibytes * 1024
    }

    /// Bytes written (`wchar` of `/proc/<pid>/io`) by the live processes holding `token`.
    public static func bytesWritten(byProcessesCarrying token: String) -> Int {
        carrying(token).reduce(0) { total, entry in
            let line = text(of: "/proc/\(entry.pid)/io")?.split(separator: "\n").first { $0.hasPrefix("wchar:") }
            return total + (line?.split(separator: " ").last.flatMap { Int($0) } ?? 0)
        }
    }

    /// Read with InputDetection's reader: Foundation's `FileManager.contents(atPath:)` leaks its
    /// buffer on some `/proc` files.
    private static func text(of path: String) -> String? {
        FileSystem.text(of: path)
    }
}
