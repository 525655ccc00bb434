import CSandbox
import CSeccomp
import Glibc

/// A seccomp filter, built with libseccomp and exported as BPF for the spawn to install.
///
/// Every syscall no rule names goes to the default action: a notification the daemon answers
/// (``SyscallSupervisor``), or `EPERM` where the kernel cannot notify.
public struct SeccompFilter: Sendable {
    /// What happens to a syscall.
    public enum Action: Sendable, Hashable {
        case allow
        /// The supervisor decides (it answers, or lets the call through).
        case notify
        case fail(errno: Int32)

        var rawValue: UInt32 {
            switch self {
            case .allow: 0x7fff_0000
            case .notify: 0x7fc0_0000
            case .fail(let errno): 0x0005_0000 | (UInt32(errno) & 0xffff)
            }
        }
    }

    /// A test of one argument register: `(argument & mask) == value`.
    public struct Condition: Sendable, Hashable {
        public let argument: Int
        public let mask: UInt64
        public let value: UInt64

        /// Argument `argument` equals `value`.
        public static func argument(_ argument: Int, equals value: UInt64) -> Condition {
            Condition(argument: argument, mask: .max, value: value)
        }

        /// Every bit of `bits` is set in argument `argument`.
        public static func argument(_ argument: Int, hasAll bits: UInt64) -> Condition {
            Condition(argument: argument, mask: bits, value: bits)
        }
    }

    private struct Rule: Hashable {
        let syscall: Syscall
        let action: Action
        let condition: Condition?
    }

    /// The action of every syscall no rule names.
    public var defaultAction: Action
    private var rules: Set<Rule> = []
    /// Syscalls allowed when their sixth argument is the cookie (the spawn's own last calls).
    public var cookie: UInt64?

    public init(defaultAction: Action) {
        self.defaultAction = defaultAction
    }

    /// Syscalls allowed unconditionally.
    public var allowed: Set<Syscall> {
        Set(rules.filter { $0.action == .allow && $0.condition == nil }.map(\.syscall))
    }

    /// Lets `syscall` through, always or only when `condition` holds (else the default action).
    public mutating func allow(_ syscall: Syscall, when condition: Condition? = nil) {
        rules.insert(Rule(syscall: syscall, action: .allow, condition: condition))
    }

    /// Fails `syscall` with `errno` without involving the supervisor.
    public mutating func fail(_ syscall: Syscall, errno: Int32) {
        rules.insert(Rule(syscall: syscall, action: .fail(errno: errno), condition: nil))
    }

    /// The syscalls the child runs between installing the filter and `execve` succeeding.
    static let spawnSyscalls = ["sendmsg", "close", "execve", "write", "exit_group"]

    /// The filter as `struct sock_filter` instructions.
    public func compile() throws(SandboxError) -> [UInt8] {
        guard let context = seccomp_init(defaultAction.rawValue) else {
            throw SandboxError(.seccomp, "cannot create a seccomp filter")
        }
        defer { seccomp_release(context) }
        // A binary search over syscall numbers instead of a linear run through ~300 rules: an
        // allowed syscall then costs a dozen BPF instructions.
        try check(seccomp_attr_set(context, SCMP_FLTATR_CTL_OPTIMIZE, 2), "the binary-tree optimisation")
        for rule in rules.sorted(by: { $0.syscall.number < $1.syscall.number }) {
            var conditions =
                rule.condition.map {
                    [scmp_arg_cmp(arg: UInt32($0.argument), op: SCMP_CMP_MASKED_EQ, datum_a: $0.mask, datum_b: $0.value)]
                } ?? []
            try check(
                seccomp_rule_add_array(context, rule.action.rawValue, rule.syscall.number, UInt32(conditions.count), &conditions),
                "\(rule.syscall)")
        }
        if let cookie {
            let unconditional = allowed
            for name in Self.spawnSyscalls {
                guard let syscall = Syscall(name), !unconditional.contains(syscall) else { continue }
                var condition = scmp_arg_cmp(arg: 5, op: SCMP_CMP_EQ, datum_a: cookie, datum_b: 0)
                try check(seccomp_rule_add_array(context, Action.allow.rawValue, syscall.number, 1, &condition), "\(name) with the cookie")
            }
        }
        var size = 0
        guard let buffer = krs_seccomp_export(context, &size) else {
            throw SandboxError(.seccomp, errno: errno, "cannot export the seccomp filter")
        }
        defer { free(buffer) }
        return Array(UnsafeRawBufferPointer(start: buffer, count: size))
    }

    private func check(_ result: Int32, _ what: String) throws(SandboxError) {
        guard result == 0 else { throw SandboxError(.seccomp, errno: -result, "seccomp rule for \(what)") }
    }
}
