import Sandbox

/// What a confined process tree may do, as the daemon checks it on notified syscalls.
struct JailRules: Sendable {
    let allowedSyscalls: Set<String>
    let patterns: [PathOperation: [PathPattern]]
    let execAllowance: Int
    let forkAllowance: Int
    /// Never signalled or reconfigured by a confined program: PID 1 and the daemon.
    let protectedProcesses: Set<Int32>
    /// Never signalled as a group: the daemon's process group.
    let protectedGroup: Int32

    /// The number of the newest syscall the default lists know: newer ones a policy does not
    /// name fail with `ENOSYS`, as on the kernel the lists were written for.
    static let newestListedSyscall: Int32 =
        (JailPolicy.defaultAllowedSyscalls + JailPolicy.defaultRefusedSyscalls)
        .compactMap { Syscall($0)?.number }.max() ?? 0

    init(policy: JailPolicy, daemon: Int32, daemonGroup: Int32) {
        allowedSyscalls = policy.effectiveAllowedSyscalls
        var patterns: [PathOperation: [PathPattern]] = [:]
        for operation in PathOperation.allCases {
            patterns[operation] = policy.patterns(for: operation).map(PathPattern.init)
        }
        self.patterns = patterns
        execAllowance = policy.effectiveExecAllowance
        forkAllowance = policy.effectiveForkAllowance
        protectedProcesses = [1, daemon]
        protectedGroup = daemonGroup
    }

    /// Whether `path` is allowed for `operation`.
    func allows(_ operation: PathOperation, _ path: String) -> Bool {
        (patterns[operation] ?? []).contains { $0.matches(path) }
    }
}
