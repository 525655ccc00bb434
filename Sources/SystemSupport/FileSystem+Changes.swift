import Glibc

/// Changing files in place: what a cache of files shared by several processes needs, each change
/// a single system call that other processes see whole or not at all.
extension FileSystem {
    /// Creates `path`, which must not exist, with exactly `mode` (whatever the umask) and
    /// `bytes`; a symbolic link in its place is an error, not followed.
    public static func create(_ bytes: some Collection<UInt8>, at path: String, mode: UInt32) throws(SystemError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SystemError(.open, path: path) }
        defer { close(fd) }
        try writeAll(bytes, to: fd, path: path)
        guard fchmod(fd, mode) == 0 else { throw SystemError(.setMode, path: path) }
    }

    /// Replaces `path` with `bytes` so that a reader sees the old file or the new one, never a
    /// part of either: written to a new file beside it (named `.new-…`), flushed to disk, renamed over it.
    public static func replace(_ path: String, with bytes: some Collection<UInt8>, mode: UInt32 = 0o600) throws(SystemError) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let temporary = "\(directory)/.new-\(String(UInt64.random(in: .min ... .max), radix: 36))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SystemError(.open, path: temporary) }
        do throws(SystemError) {
            defer { close(fd) }
            try writeAll(bytes, to: fd, path: temporary)
            guard fchmod(fd, mode) == 0 else { throw SystemError(.setMode, path: temporary) }
            guard fsync(fd) == 0 else { throw SystemError(.sync, path: temporary) }
            try rename(temporary, to: path)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Renames `source` to `destination`, replacing a file there.
    public static func rename(_ source: String, to destination: String) throws(SystemError) {
        guard Glibc.rename(source, destination) == 0 else { throw SystemError(.rename, path: destination) }
    }

    /// Removes the file (not a directory) `path`.
    public static func remove(_ path: String) throws(SystemError) {
        guard unlink(path) == 0 else { throw SystemError(.remove, path: path) }
    }

    /// Sets the permission bits of `path` (following a symbolic link).
    public static func setMode(of path: String, to mode: UInt32) throws(SystemError) {
        guard chmod(path, mode) == 0 else { throw SystemError(.setMode, path: path) }
    }

    /// Sets the access and modification times of `path` to now, read from the real-time clock
    /// (`UTIME_NOW` would use the kernel's coarse clock, which ticks every few milliseconds).
    public static func touch(_ path: String) throws(SystemError) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        guard utimensat(AT_FDCWD, path, [now, now], AT_SYMLINK_NOFOLLOW) == 0 else { throw SystemError(.setTimes, path: path) }
    }
}
