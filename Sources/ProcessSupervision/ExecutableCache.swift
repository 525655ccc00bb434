import Glibc
import Synchronization

/// Where bare program names were found in search paths, kept only while nothing changed in the
/// directories searched: inotify reports every entry made, removed, renamed or whose
/// permissions changed there, and any report empties the cache before the next lookup.
///
/// A hit hands the child the file itself, sparing it a failed `execve` for every entry before
/// the one that has it (~2.6 µs each here). Searches with a relative entry (the working
/// directory's) are not cached. Not seen by inotify: a file system mounted over a searched
/// directory afterwards.
final class ExecutableCache: Sendable {
    static let shared = ExecutableCache()

    /// Distinct names × search paths kept; more empties the cache.
    private static let capacity = 256

    private struct Key: Hashable {
        let name: String
        let searchPath: String
    }

    private struct State {
        /// The inotify descriptor; -1 where there is none (the cache is off then).
        var notifications: Int32?
        var watched: Set<String> = []
        var paths: [Key: String] = [:]
    }

    private let state = Mutex(State())

    /// The file `name` runs as in `searchPath` (absolute entries only), or nil when the child
    /// must search itself: not found, not executable, relative entries, or no inotify.
    func file(of name: String, searchPath: String) -> String? {
        state.withLock { state -> String? in
            if state.notifications == nil {
                state.notifications = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
            }
            guard let notifications = state.notifications, notifications >= 0 else { return nil }
            if Self.takeReports(from: notifications) || state.paths.count >= Self.capacity {
                state.paths.removeAll()
            }
            let key = Key(name: name, searchPath: searchPath)
            if let file = state.paths[key] { return file }
            let directories = searchPath.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            guard directories.allSatisfy({ $0.hasPrefix("/") }) else { return nil }
            // Watched before the look, so that a change during it empties the cache.
            for directory in directories {
                guard Self.watch(directory, with: notifications, watched: &state.watched) else { return nil }
            }
            guard let file = try? ExecutableLookup.resolve(name, searchPath: searchPath, workingDirectory: "/")
            else { return nil }
            state.paths[key] = file
            return file
        }
    }

    /// What a lookup of `name` in `searchPath` has in memory now (for tests).
    func remembered(name: String, searchPath: String) -> String? {
        state.withLock { $0.paths[Key(name: name, searchPath: searchPath)] }
    }

    /// Reads every pending report; whether there was one.
    private static func takeReports(from notifications: Int32) -> Bool {
        // Uninitialised: this runs at every spawn, and the reports are only counted.
        withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 8) { buffer in
            var reported = false
            while read(notifications, buffer.baseAddress, buffer.count) > 0 {
                reported = true
            }
            return reported
        }
    }

    /// Watches `directory`, or its nearest existing ancestor while it does not exist (so that
    /// its making is reported), and the directory holding it when it is a symbolic link.
    private static func watch(_ directory: String, with notifications: Int32, watched: inout Set<String>) -> Bool {
        guard !watched.contains(directory) else { return true }
        let events = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)
        var target = directory
        var status = stat()
        while lstat(target, &status) != 0 {
            guard errno == ENOENT || errno == ENOTDIR, target != "/" else { return false }
            target = parent(of: target)
        }
        if status.st_mode & S_IFMT == S_IFLNK, !watch(parent(of: target), with: notifications, watched: &watched) {
            return false
        }
        guard inotify_add_watch(notifications, target, events) >= 0 else { return false }
        // A missing directory is looked at again once made: only then is it watched itself.
        if target == directory {
            watched.insert(directory)
        }
        return true
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), slash != path.utf8.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
