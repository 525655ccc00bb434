import CSystem
import Glibc

/// The file operations the daemon needs, as plain system calls: small, with the `errno` of the
/// failing call in every error (Foundation's file APIs neither report it reliably nor come
/// without waking much of Foundation).
public enum FileSystem {
    /// A whole file, up to `limit` bytes.
    public static func read(_ path: String, limit: Int = 1 << 20) throws(SystemError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError(.open, path: path) }
        defer { close(fd) }
        // Read straight into a buffer of the file's size (one more byte notices growth), so a
        // compile-cache entry of megabytes takes a few calls and no copies.
        var status = stat()
        let size = fstat(fd, &status) == 0 ? Int(status.st_size) : 0
        var bytes = [UInt8](repeating: 0, count: min(limit, max(size + 1, 4096)))
        var filled = 0
        while filled < limit {
            if filled == bytes.count {
                bytes += repeatElement(0, count: min(limit, bytes.count * 2) - bytes.count)
            }
            let count = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw SystemError(.read, path: path) }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    /// A whole file, up to `limit` bytes; nil if it cannot be read (gone, unreadable).
    public static func contents(of path: String, limit: Int = 1 << 20) -> [UInt8]? {
        try? read(path, limit: limit)
    }

    /// A whole file as UTF-8 text (invalid bytes replaced); nil if it cannot be read.
    public static func text(of path: String, limit: Int = 1 << 20) -> String? {
        contents(of: path, limit: limit).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Whether `path` exists (symbolic links followed: a dangling link does not).
    public static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }

    /// Whether `path` exists and is a directory (symbolic links followed).
    public static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    /// Whether `path` exists and is a regular file (symbolic links followed).
    public static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    /// The directory part of `path` (`/usr/bin` for `/usr/bin/python3`, `/` for `/python3`);
    /// trailing slashes are ignored, and a path without a slash has `.`.
    public static func directoryPart(of path: String) -> String {
        var trimmed = path.utf8[...]
        while trimmed.count > 1, trimmed.last == UInt8(ascii: "/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        var directory = trimmed[..<slash]
        while directory.count > 1, directory.last == UInt8(ascii: "/") { directory = directory.dropLast() }
        return directory.isEmpty ? "/" : String(decoding: directory, as: UTF8.self)
    }

    /// The paths below `root`, relative to it, of everything that is not a directory, depth
    /// first. Directories whose name `descendsInto` refuses, and symbolic links to directories,
    /// are not entered.
    public static func files(under root: String, descendsInto: (String) -> Bool = { _ in true }) -> [String] {
        var found: [String] = []
        collectFiles(in: root, prefix: "", into: &found, descendsInto: descendsInto)
        return found
    }

    private static func collectFiles(in directory: String, prefix: String, into found: inout [String], descendsInto: (String) -> Bool) {
        guard let stream = opendir(directory) else { return }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            let name = entryName(entry)
            guard name != ".", name != ".." else { continue }
            let path = directory + "/" + name
            var isDirectory = entry.pointee.d_type == DT_DIR
            if entry.pointee.d_type == DT_UNKNOWN {
                var status = stat()
                isDirectory = lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
            }
            if !isDirectory {
                found.append(prefix + name)
            } else if descendsInto(name) {
                collectFiles(in: path, prefix: prefix + name + "/", into: &found, descendsInto: descendsInto)
            }
        }
    }

    private static func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
        withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    /// Replaces `path` with `bytes`, creating it with `mode` (owner-only by default).
    public static func write(_ bytes: some Collection<UInt8>, to path: String, mode: UInt32 = 0o600) throws(SystemError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw SystemError(.open, path: path) }
        defer { close(fd) }
        try writeAll(bytes, to: fd, path: path)
    }

    /// Writes all of `bytes` to an open descriptor (such as standard output), retrying partial
    /// writes; `path` names it in the error.
    public static func writeAll(_ bytes: some Collection<UInt8>, to fd: Int32, path: String? = nil) throws(SystemError) {
        let contiguous = Array(bytes)
        var written = 0
        while written < contiguous.count {
            let count = contiguous.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw SystemError(.write, path: path) }
            written += count
        }
    }

    /// Appends `bytes` to `path`, which must exist.
    public static func append(_ bytes: some Collection<UInt8>, to path: String) throws(SystemError) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError(.open, path: path) }
        defer { close(fd) }
        try writeAll(bytes, to: fd, path: path)
    }

    /// Creates `path` and any missing parents; an existing directory is fine.
    public static func makeDirectory(_ path: String, mode: UInt32 = 0o755) throws(SystemError) {
        if isDirectory(path) { return }
        let parent = String(path.reversed().drop { $0 == "/" }.drop { $0 != "/" }.reversed())
        if !parent.isEmpty, parent != "/" {
            try makeDirectory(parent, mode: mode)
        }
        guard mkdir(path, mode) == 0 || (errno == EEXIST && isDirectory(path)) else {
            throw SystemError(.makeDirectory, path: path)
        }
    }

    /// The temporary directory: `TMPDIR`, else `/tmp`.
    public static var temporaryDirectory: String {
        getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    }

    /// A new directory only the owner may enter (mode 0700), named `<prefix>XXXXXX` in the
    /// temporary directory.
    public static func makePrivateDirectory(prefix: String) throws(SystemError) -> String {
        let base = temporaryDirectory
        var template = Array((base + "/" + prefix + "XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw SystemError(.temporaryDirectory, path: base)
        }
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Removes `path` and everything below it, without following symbolic links; what cannot
    /// be removed is left.
    public static func removeTree(_ path: String) {
        _ = krs_remove_tree(path)
    }
}
