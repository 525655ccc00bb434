import Glibc
import KernelRunnerCore
import Sandbox
import Synchronization
import SystemSupport

/// Answers the notified syscalls of one confined process tree: refuses signals to the daemon
/// and PID 1, checks paths against `whitelist_paths`, counts the exec and fork allowances, and
/// refuses everything the policy does not allow; every refusal is recorded for the task.
final class JailSession: SyscallNotificationHandler {
    private struct Counters {
        var execs = 0
        var forks = 0
    }

    private let rules: JailRules
    private let denials: PolicyDenials
    private let counters = Mutex(Counters())

    init(rules: JailRules, denials: PolicyDenials) {
        self.rules = rules
        self.denials = denials
    }

    func decide(_ call: SyscallNotification) -> SyscallDecision {
        let name = call.syscall.name
        guard rules.allowedSyscalls.contains(name) else {
            return call.syscall.number > JailRules.newestListedSyscall ? .deny(errno: ENOSYS) : refuse(name, EPERM)
        }
        let first = Int32(truncatingIfNeeded: call.arguments[0])
        switch name {
        case "kill", "rt_sigqueueinfo", "tgkill", "rt_tgsigqueueinfo", "tkill", "pidfd_open":
            return aim(call, at: first, allowingGroups: name == "kill")
        case "pidfd_send_signal":
            return aim(call, at: Self.process(ofDescriptor: first, in: call.pid) ?? 0, allowingGroups: false)
        case _ where SandboxPlan.processSyscalls.contains(name):
            return aim(call, at: first, allowingGroups: false)
        case "open":
            return path(call, .open, argument: 0, creates: call.arguments[1] & UInt64(O_CREAT) != 0, errno: EACCES)
        case "creat":
            return path(call, .open, argument: 0, creates: true, errno: EACCES)
        case "openat":
            return path(call, .open, argument: 1, directory: 0, creates: call.arguments[2] & UInt64(O_CREAT) != 0, errno: EACCES)
        case "openat2":
            // Its flags are in memory the program may change: counted as a create.
            return path(call, .open, argument: 1, directory: 0, creates: true, errno: EACCES)
        case "access":
            return path(call, .access, argument: 0, errno: EACCES)
        case "faccessat", "faccessat2":
            return path(call, .access, argument: 1, directory: 0, errno: EACCES)
        case "chmod":
            return path(call, .chmod, argument: 0, errno: EPERM)
        case "fchmodat", "fchmodat2":
            return path(call, .chmod, argument: 1, directory: 0, errno: EPERM)
        case "stat", "lstat":
            return path(call, .stat, argument: 0, errno: EACCES)
        case "newfstatat", "statx":
            return path(call, .stat, argument: 1, directory: 0, errno: EACCES)
        case "execve":
            return path(call, .exec, argument: 0, errno: EACCES)
        case "execveat":
            return path(call, .exec, argument: 1, directory: 0, errno: EACCES)
        case "fork", "vfork", "clone":
            let allowed = counters.withLock { counters in
                guard counters.forks < rules.forkAllowance else { return false }
                counters.forks += 1
                return true
            }
            return allowed ? .proceed : refuse("\(name) beyond fork_allowance \(rules.forkAllowance)", EPERM)
        default:
            return .proceed
        }
    }

    private func refuse(_ operation: String, _ errno: Int32) -> SyscallDecision {
        denials.record(operation)
        return .deny(errno: errno)
    }

    /// A call aimed at the daemon or PID 1 (by process or thread id) is refused, and so is a
    /// signal to every process (-1) or to the daemon's process group; other negative targets
    /// are process groups, of which runs have their own.
    private func aim(_ call: SyscallNotification, at target: Int32, allowingGroups: Bool) -> SyscallDecision {
        let refused =
            if target > 0 {
                rules.protectedProcesses.contains(Self.process(ofThread: target) ?? target)
            } else {
                allowingGroups && (target == -1 || -target == rules.protectedGroup)
            }
        return refused ? refuse("\(call.syscall.name) \(target)", EPERM) : .proceed
    }

    /// Checks a path against the operation's patterns. A path that does not exist fails with
    /// `ENOENT` unchecked, as the kernel would fail it (a search along `PATH` is no refusal),
    /// unless the call may create it.
    private func path(
        _ call: SyscallNotification, _ operation: PathOperation, argument: Int, directory: Int? = nil,
        creates: Bool = false, errno: Int32
    ) -> SyscallDecision {
        guard let text = call.string(argument: argument) else { return .deny(errno: EFAULT) }
        // An empty path with a directory descriptor names the open descriptor itself (`fstat`).
        if text.isEmpty && directory != nil && operation == .stat { return .proceed }
        guard let path = call.absolutePath(text, directoryArgument: directory) else { return .deny(errno: EBADF) }
        if rules.allows(operation, path) { return .proceed }
        if !creates && Self.isMissing(path) { return .deny(errno: ENOENT) }
        if operation == .exec { return countExec(path) }
        return refuse("\(Self.verb(operation)) \(path)", errno)
    }

    private func countExec(_ path: String) -> SyscallDecision {
        let allowed = counters.withLock { counters in
            guard rules.execAllowance == -1 || counters.execs < rules.execAllowance else { return false }
            counters.execs += 1
            return true
        }
        return allowed ? .proceed : refuse("exec \(path)", EACCES)
    }

    private static func isMissing(_ path: String) -> Bool {
        access(path, F_OK) != 0 && (Glibc.errno == ENOENT || Glibc.errno == ENOTDIR)
    }

    private static func verb(_ operation: PathOperation) -> String {
        switch operation {
        case .open: "open"
        case .access: "access"
        case .exec: "exec"
        case .stat: "stat"
        case .chmod: "chmod"
        }
    }

    /// The process a thread id belongs to (`Tgid` of `/proc/<tid>/status`).
    private static func process(ofThread thread: Int32) -> Int32? {
        FileSystem.text(of: "/proc/\(thread)/status")?.split(separator: "\n")
            .first { $0.hasPrefix("Tgid:") }.flatMap { Int32($0.dropFirst(5).trimmingWhitespace) }
    }

    /// The process a descriptor of `pid` designates: a pidfd (`Pid:` of its fdinfo) or an open
    /// `/proc/<pid>` directory, which the kernel also accepts as one.
    private static func process(ofDescriptor descriptor: Int32, in pid: Int32) -> Int32? {
        if let pidfd = FileSystem.text(of: "/proc/\(pid)/fdinfo/\(descriptor)")?.split(separator: "\n")
            .first(where: { $0.hasPrefix("Pid:") }).flatMap({ Int32($0.dropFirst(4).trimmingWhitespace) })
        {
            return pidfd
        }
        var buffer = [CChar](repeating: 0, count: 256)
        let count = readlink("/proc/\(pid)/fd/\(descriptor)", &buffer, buffer.count - 1)
        guard count > 6 else { return nil }
        let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return target.hasPrefix("/proc/") ? Int32(target.dropFirst(6)) : nil
    }
}
