import CSandbox
import CSeccomp
import Glibc

/// A syscall a confined program made that its filter hands to the daemon.
public struct SyscallNotification: Sendable {
    /// The calling thread (as the daemon sees it).
    public let pid: Int32
    public let syscall: Syscall
    /// The six argument registers.
    public let arguments: [UInt64]
    let listener: Int32
    let id: UInt64

    /// The NUL-terminated string argument `index` points to in the caller's memory, read
    /// with `process_vm_readv`; nil when it cannot be read (or the caller is gone).
    ///
    /// The caller may change the string after it was read: a decision made from it is a
    /// report, or a check as good as a tracing jail's, never the security boundary (Landlock
    /// and the filter itself are).
    public func string(argument index: Int) -> String? {
        var bytes: [UInt8] = []
        var address = arguments[index]
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < Int(PATH_MAX) {
            // Up to the end of the page: a read across into an unmapped page would fail whole.
            let length = 4096 - Int(address & 4095)
            let count = chunk.withUnsafeMutableBytes { krs_read_process_memory(pid, address, $0.baseAddress, length) }
            guard count > 0 else { return nil }
            if let end = chunk[..<count].firstIndex(of: 0) {
                bytes += chunk[..<end]
                // Only now is it known that the pid still is the caller (it may have died and
                // its number been reused meanwhile).
                return seccomp_notify_id_valid(listener, id) == 0 ? String(decoding: bytes, as: UTF8.self) : nil
            }
            bytes += chunk[..<count]
            address += UInt64(count)
        }
        return nil
    }

    /// The absolute path the string argument `index` names (see ``absolutePath(_:directoryArgument:)``).
    public func path(argument index: Int, directoryArgument: Int? = nil) -> String? {
        string(argument: index).flatMap { absolutePath($0, directoryArgument: directoryArgument) }
    }

    /// `path` made absolute: a relative path is resolved against the directory descriptor in
    /// argument `directoryArgument` (`AT_FDCWD` or none: the caller's working directory). Not
    /// normalised beyond that; nil when the directory cannot be resolved.
    public func absolutePath(_ path: String, directoryArgument: Int? = nil) -> String? {
        if path.hasPrefix("/") { return path }
        let directory = directoryArgument.map { Int32(truncatingIfNeeded: arguments[$0]) } ?? AT_FDCWD
        let base = directory == AT_FDCWD ? "/proc/\(pid)/cwd" : "/proc/\(pid)/fd/\(directory)"
        guard let resolved = Self.linkTarget(base) else { return nil }
        return path.isEmpty ? resolved : (resolved == "/" ? "" : resolved) + "/" + path
    }

    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// The supervisor's answer to a notification.
public enum SyscallDecision: Sendable, Equatable {
    /// The kernel carries the call out as if there were no filter (Landlock still applies).
    case proceed
    /// The call fails with `errno` without running.
    case deny(errno: Int32)
}

/// Decides the notified syscalls of one confined process tree.
public protocol SyscallNotificationHandler: Sendable {
    func decide(_ notification: SyscallNotification) -> SyscallDecision
}
