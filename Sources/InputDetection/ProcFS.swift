import Glibc
import SystemSupport

/// Minimal, allocation-light access to `/proc`; every failure is `nil` because
/// processes may vanish at any moment while a run is inspected.
enum ProcFS {
    /// Reads a whole (small) file.
    static func contents(of path: String) -> [UInt8]? {
        FileSystem.contents(of: path, limit: 64 * 1024)
    }

    static func text(of path: String) -> String? {
        FileSystem.text(of: path, limit: 64 * 1024)
    }

    /// The target of a symbolic link such as `/proc/<pid>/fd/<n>`.
    static func linkTarget(of path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Numeric entries of a directory such as `/proc` or `/proc/<pid>/task`.
    static func numericEntries(of path: String) -> [Int32] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var entries = [Int32]()
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if let number = Int32(name) { entries.append(number) }
        }
        return entries
    }

    /// Reads another process's memory; needs the same access as ptrace.
    static func memory(of pid: Int32, at address: UInt64, count: Int) -> [UInt8]? {
        let fd = open("/proc/\(pid)/mem", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        let received = bytes.withUnsafeMutableBytes {
            pread(fd, $0.baseAddress, count, off_t(truncatingIfNeeded: address))
        }
        return received == count ? bytes : nil
    }
}
