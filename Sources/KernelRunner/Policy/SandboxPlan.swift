public import Sandbox

/// How a jail policy is enforced on this kernel: what Landlock enforces, which syscalls the
/// daemon answers, and what is not enforced at all.
public struct SandboxPlan: Sendable {
    /// How one rule of the policy is enforced.
    public enum Enforcement: Sendable, Equatable {
        /// The rule restricts nothing (`"*"`, or -1).
        case unrestricted
        /// Landlock, in the kernel; the daemon also sees the calls to count and report them.
        case landlock
        /// The daemon checks the arguments of each call (seccomp user notification): as good as
        /// a tracing jail's check, not a kernel guarantee (a program may change a path in
        /// memory after it was read). The reason Landlock does not enforce it.
        case daemon(String)
        /// Nothing here enforces it, and why.
        case unenforced(String)
    }

    /// The syscalls the policy allows (never `ptrace`).
    public let allowedSyscalls: Set<String>
    /// Names in `allowed_syscalls` this architecture does not have (ignored).
    public let unknownSyscalls: [String]
    /// Syscalls the filter hands to the daemon instead of allowing them outright.
    public private(set) var supervisedSyscalls: Set<String>
    /// Whether refused calls reach the daemon (counted, reported, allowances enforced).
    public let notifies: Bool
    /// This kernel's Landlock ABI (0: none).
    public let landlockABI: Int
    /// How each `whitelist_paths` operation is enforced.
    public private(set) var paths: [PathOperation: Enforcement] = [:]
    /// How `fork_allowance` is enforced.
    public private(set) var forks: Enforcement = .unrestricted
    /// `fork_allowance`: -1 for unlimited.
    public let forkAllowance: Int

    /// Signals to the daemon or PID 1 are refused: these name their target in their arguments.
    static let signalSyscalls: Set<String> = [
        "kill", "tkill", "tgkill", "rt_sigqueueinfo", "rt_tgsigqueueinfo", "pidfd_open", "pidfd_send_signal",
    ]
    /// Calls that act on the process their first argument names (0: the caller itself, which
    /// the filter lets through): a program may not lower the daemon's limits or priority.
    static let processSyscalls: Set<String> = [
        "prlimit64", "sched_setaffinity", "sched_setscheduler", "sched_setparam", "sched_setattr",
    ]
    static let pathSyscalls: [PathOperation: Set<String>] = [
        .open: ["open", "creat", "openat", "openat2"],
        .access: ["access", "faccessat", "faccessat2"],
        .exec: ["execve", "execveat"],
        .stat: ["stat", "lstat", "newfstatat", "statx"],
        .chmod: ["chmod", "fchmodat", "fchmodat2"],
    ]
    static let forkSyscalls: Set<String> = ["fork", "vfork", "clone", "clone3"]

    public init(policy: JailPolicy, support: SandboxSupport = .current) {
        allowedSyscalls = policy.effectiveAllowedSyscalls
        unknownSyscalls = allowedSyscalls.filter { Syscall($0) == nil }.sorted()
        notifies = support.seccompNotifications
        landlockABI = support.landlockABI
        forkAllowance = policy.effectiveForkAllowance
        supervisedSyscalls = Self.signalSyscalls.union(Self.processSyscalls)
        let noNotifications = "this kernel has no seccomp user notification"
        for operation in PathOperation.allCases {
            let patterns = policy.patterns(for: operation).map(PathPattern.init)
            if patterns.contains(where: \.matchesEverything) || (operation == .exec && policy.effectiveExecAllowance == -1) {
                paths[operation] = .unrestricted
                continue
            }
            supervisedSyscalls.formUnion(Self.pathSyscalls[operation] ?? [])
            let landlock =
                landlockABI > 0 && patterns.allSatisfy { $0.tree != nil }
                && (operation == .open || (operation == .exec && policy.effectiveExecAllowance == 0))
            let why =
                switch operation {
                case .access, .stat, .chmod: "Landlock has no right for it"
                case .exec where policy.effectiveExecAllowance > 0: "exec_allowance is a count"
                default: landlockABI == 0 ? "this kernel has no Landlock" : "a pattern is not a directory tree"
                }
            paths[operation] = landlock ? .landlock : notifies ? .daemon(why) : .unenforced("\(why), and \(noNotifications)")
        }
        if forkAllowance >= 0 {
            supervisedSyscalls.formUnion(Self.forkSyscalls)
            forks = notifies ? .daemon("a count; threads are not forks") : .unenforced(noNotifications)
        }
    }

    /// Whether `fork_allowance` is a limit.
    public var countsForks: Bool { forkAllowance >= 0 }

    /// Path operations whose patterns Landlock enforces.
    public var landlockOperations: Set<PathOperation> {
        Set(paths.filter { $0.value == .landlock }.keys)
    }

    /// The rules nothing enforces here, described.
    public var unenforced: [String] {
        var rules = PathOperation.allCases.compactMap { operation -> String? in
            guard case .unenforced(let why) = paths[operation] else { return nil }
            return "whitelist_paths \(operation.rawValue) (\(why))"
        }
        if case .unenforced(let why) = forks { rules.append("fork_allowance (\(why))") }
        if !notifies {
            rules.append("signals to PID 1 and the daemon (this kernel has no seccomp user notification; refused calls are not counted)")
        }
        return rules
    }

    /// Whether the kernel and the daemon enforce every rule (`--require-sandbox`).
    public var isComplete: Bool { unenforced.isEmpty }

    /// The dynamic loaders of glibc and musl on x86-64: the kernel runs the loader of every
    /// dynamically linked program it executes, and Landlock asks for the execute right on it.
    /// The program's path is what `OP_EXEC` names, as under a tracing jail.
    static let dynamicLoaders = [
        "/lib64/ld-linux-x86-64.so.2", "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", "/lib/ld-musl-x86_64.so.1",
    ]

    /// The rights and rules of the Landlock ruleset; nil when Landlock enforces nothing.
    func landlockRules(for policy: JailPolicy) -> LandlockRules? {
        let operations = landlockOperations
        guard !operations.isEmpty else { return nil }
        let rights: [PathOperation: LandlockAccess] = [.open: LandlockAccess.read.union(.write), .exec: .execute]
        var rules = LandlockRules(handled: operations.reduce(LandlockAccess()) { $0.union(rights[$1] ?? []) })
        for operation in operations.sorted(by: { $0.rawValue < $1.rawValue }) {
            guard let access = rights[operation] else { continue }
            rules.allowed += policy.patterns(for: operation).compactMap { PathPattern($0).tree }.map { (access, $0) }
        }
        if operations.contains(.exec) {
            rules.allowed += Self.dynamicLoaders.map { (.execute, $0) }
        }
        return rules
    }
}
