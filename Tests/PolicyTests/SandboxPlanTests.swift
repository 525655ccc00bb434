import KernelRunner
import Sandbox
import TestSupport
import Testing

/// How a policy maps onto Landlock, the seccomp filter and the daemon's checks, on kernels with
/// and without each feature (the plan is pure: the kernel's support is a parameter).
@Suite("Sandbox plan")
struct SandboxPlanTests {
    static let full = SandboxSupport(landlockABI: 7, seccompNotifications: true)
    static let noLandlock = SandboxSupport(landlockABI: 0, seccompNotifications: true)
    static let seccompOnly = SandboxSupport(landlockABI: 0, seccompNotifications: false)

    private func policy(_ yaml: String) throws -> JailPolicy {
        try JailPolicy(yaml: yaml)
    }

    @Test(
        "every shipped policy is enforced completely, and only chmod is checked by the daemon", arguments: RepositoryFiles.policyLanguages)
    func shippedPolicies(language: String) throws {
        let policy = try JailPolicy(contentsOf: "\(RepositoryFiles.policyDirectory)/\(language).yml")
        let plan = SandboxPlan(policy: policy, support: Self.full)
        #expect(plan.isComplete)
        #expect(plan.landlockOperations.isEmpty)
        #expect(plan.paths[.chmod] == .daemon("Landlock has no right for it"))
        for operation: PathOperation in [.open, .access, .exec, .stat] {
            #expect(plan.paths[operation] == .unrestricted)
        }
        #expect(!plan.countsForks)
        // Opens pass in the filter; chmod and the signals reach the daemon.
        #expect(!plan.supervisedSyscalls.contains("openat"))
        #expect(plan.supervisedSyscalls.isSuperset(of: ["chmod", "fchmodat", "kill", "tgkill", "pidfd_send_signal", "prlimit64"]))
        #expect(!plan.allowedSyscalls.contains("ptrace"))
    }

    @Test func treesGoToLandlockAndOtherGlobsToTheDaemon() throws {
        let trees = SandboxPlan(policy: try policy("whitelist_paths:\n  OP_OPEN: [\"/usr/*\", \"/etc/hostname\"]\n"), support: Self.full)
        #expect(trees.paths[.open] == .landlock)
        #expect(trees.supervisedSyscalls.isSuperset(of: ["open", "openat", "openat2", "creat"]))

        let globs = SandboxPlan(policy: try policy("whitelist_paths:\n  OP_OPEN: [\"/usr/lib/*.so\"]\n"), support: Self.full)
        #expect(globs.paths[.open] == .daemon("a pattern is not a directory tree"))
        #expect(globs.isComplete)
    }

    @Test func execIsLandlockOnlyWithoutAnAllowance() throws {
        let none = SandboxPlan(policy: try policy("whitelist_paths:\n  OP_EXEC: [\"/usr/bin/*\"]\nexec_allowance: 0\n"), support: Self.full)
        #expect(none.paths[.exec] == .landlock)
        let counted = SandboxPlan(
            policy: try policy("whitelist_paths:\n  OP_EXEC: [\"/usr/bin/*\"]\nexec_allowance: 2\n"), support: Self.full)
        #expect(counted.paths[.exec] == .daemon("exec_allowance is a count"))
        let unlimited = SandboxPlan(
            policy: try policy("whitelist_paths:\n  OP_EXEC: [\"/usr/bin/*\"]\nexec_allowance: -1\n"), support: Self.full)
        #expect(unlimited.paths[.exec] == .unrestricted)
        #expect(!unlimited.supervisedSyscalls.contains("execve"))
    }

    @Test func forksAreCountedByTheDaemon() throws {
        let plan = SandboxPlan(policy: try policy("fork_allowance: 3\n"), support: Self.full)
        #expect(plan.countsForks)
        #expect(plan.forks == .daemon("a count; threads are not forks"))
        #expect(plan.supervisedSyscalls.isSuperset(of: ["fork", "vfork", "clone", "clone3"]))
    }

    @Test func withoutLandlockTheDaemonChecksTrees() throws {
        let plan = SandboxPlan(policy: try policy("whitelist_paths:\n  OP_OPEN: [\"/usr/*\"]\n"), support: Self.noLandlock)
        #expect(plan.paths[.open] == .daemon("this kernel has no Landlock"))
        #expect(plan.isComplete)
    }

    @Test func withoutNotificationsTheRulesAreNotEnforcedAndSaySo() throws {
        let plan = SandboxPlan(
            policy: try policy("whitelist_paths:\n  OP_OPEN: [\"/usr/*\"]\nfork_allowance: 1\n"), support: Self.seccompOnly)
        #expect(!plan.notifies)
        #expect(!plan.isComplete)
        #expect(
            plan.unenforced == [
                "whitelist_paths OP_OPEN (this kernel has no Landlock, and this kernel has no seccomp user notification)",
                "whitelist_paths OP_CHMOD (Landlock has no right for it, and this kernel has no seccomp user notification)",
                "fork_allowance (this kernel has no seccomp user notification)",
                "signals to PID 1 and the daemon (this kernel has no seccomp user notification; refused calls are not counted)",
            ])
        #expect(plan.report(for: try policy("fork_allowance: 1\n")).hasSuffix("incomplete: --require-sandbox would refuse to start"))
    }

    @Test func theReportNamesEveryRuleAndHowItIsEnforced() throws {
        let policy = try policy(
            "whitelist_paths:\n  OP_OPEN: [\"/usr/*\"]\ndiff_to_default: true\nallowed_syscalls: [kcmp, no_such_call]\n")
        let report = SandboxPlan(policy: policy, support: Self.full).report(for: policy)
        #expect(report.contains("kernel: Landlock ABI 7, seccomp user notification: yes"))
        #expect(report.contains("  beyond the defaults: kcmp, no_such_call"))
        #expect(report.contains("  not syscalls of this architecture (ignored): no_such_call"))
        #expect(report.contains("  OP_OPEN: /usr/*: enforced by Landlock"))
        #expect(report.contains("  OP_CHMOD: /home/work/*, /tmp/*: checked by the daemon (Landlock has no right for it)"))
        #expect(report.hasSuffix("complete: every rule is enforced here"))
    }

    @Test(
        arguments: [
            ("/home/work/*", "/home/work"), ("/etc/hostname", "/etc/hostname"), ("/usr/lib/*.so", nil),
            ("/opt/*/bin/*", nil), ("/*", nil), ("*", nil),
        ] as [(String, String?)])
    func patternTrees(pattern: String, tree: String?) {
        #expect(PathPattern(pattern).tree == tree)
    }

    /// The two default lists together name every x86-64 syscall up to the newest they know, once.
    @Test func theDefaultListsCoverEverySyscallOnce() {
        let allowed = Set(JailPolicy.defaultAllowedSyscalls)
        let refused = Set(JailPolicy.defaultRefusedSyscalls)
        #expect(allowed.isDisjoint(with: refused))
        #expect(allowed.count == JailPolicy.defaultAllowedSyscalls.count)
        let numbers = allowed.union(refused).compactMap { Syscall($0)?.number }
        #expect(numbers.count == allowed.count + refused.count, "a name libseccomp does not know")
        let newest = numbers.max() ?? 0
        let unnamed = (0...newest).filter { !numbers.contains($0) && !Syscall(number: $0).name.hasPrefix("syscall ") }
        #expect(unnamed.isEmpty, "syscalls in neither list: \(unnamed.map { Syscall(number: $0).name })")
    }
}
