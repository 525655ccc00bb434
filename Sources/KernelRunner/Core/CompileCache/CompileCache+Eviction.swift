import Glibc
import SystemSupport

/// Keeping the cache under its size bound: least recently used entries go first.
extension CompileCache {
    /// A file being written is renamed within seconds; one this old was left by a daemon that died.
    static let abandonedFileAge: Int64 = 600 * 1_000_000_000

    /// Removes the least recently used entries until the rest fit in the bound, and files other
    /// daemons abandoned while writing. Another daemon may evict at the same time: both only
    /// remove whole files, so the worst case is an entry too many gone.
    func evict() throws(CompileCacheError) {
        let names = try CompileCacheError.mapping(.directory) { () throws(SystemError) in try FileSystem.names(in: entryDirectory) }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let abandonedBefore = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec) - Self.abandonedFileAge
        var entries: [(path: String, status: FileStatus)] = []
        for name in names {
            let path = entryDirectory + "/" + name
            // Gone meanwhile: another daemon evicted it.
            guard let status = try? FileSystem.status(of: path, followingLinks: false), status.kind == .regular else { continue }
            if name.hasPrefix(".") {
                if status.modified < abandonedBefore { try? FileSystem.remove(path) }
            } else {
                entries.append((path, status))
            }
        }
        var total = entries.reduce(0) { $0 + $1.status.size }
        for entry in entries.sorted(by: { $0.status.modified < $1.status.modified }) {
            guard total > settings.byteLimit else { break }
            try? FileSystem.remove(entry.path)
            total -= entry.status.size
        }
    }
}
