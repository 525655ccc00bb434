import Glibc
public import KernelRunnerCore
public import ProcessSupervision
public import Sandbox

/// A jail policy enforced in the kernel for every program the daemon starts, without a
/// tracer: no_new_privs, a Landlock ruleset for the path rules it can express, and a seccomp
/// filter whose refused and counted calls are answered by the daemon (``JailSession``).
///
/// Built once at start; each confinement is a new process tree with its own allowances.
public final class JailSandbox: Sandboxing {
    /// What the kernel enforces and what it cannot, for the log and `policy check`.
    public let plan: SandboxPlan
    private let rules: JailRules
    private let landlock: LandlockRules?
    private let support: SandboxSupport
    private let filter: [UInt8]
    private let cookie: UInt64

    /// Prepares the sandbox of `policy` for this kernel.
    ///
    /// - Parameter daemon: the pid whose signals are refused besides PID 1; this process's by
    ///   default.
    public init(policy: JailPolicy, daemon: Int32? = nil, support: SandboxSupport = .current) throws(SandboxError) {
        let plan = SandboxPlan(policy: policy, support: support)
        self.plan = plan
        let daemon = daemon ?? getpid()
        rules = JailRules(policy: policy, daemon: daemon, daemonGroup: getpgid(daemon))
        landlock = plan.landlockRules(for: policy)
        self.support = support
        // Built once now, so that a rule the kernel refuses stops the daemon at start.
        if let landlock {
            close(try landlock.ruleset(executing: "/", support: support).release())
        }
        cookie = UInt64.random(in: 1...UInt64.max)
        filter = try Self.filter(policy: policy, plan: plan, cookie: cookie)
    }

    /// The filter: the allow-list minus what the daemon answers, with two exceptions the
    /// kernel decides alone. A process-targeting call aimed at the caller itself passes; when
    /// forks are counted, a thread (`clone` with `CLONE_THREAD`) passes, and `clone3`, whose
    /// flags a filter cannot read, fails with `ENOSYS` so that libc falls back to `clone`.
    private static func filter(policy: JailPolicy, plan: SandboxPlan, cookie: UInt64) throws(SandboxError) -> [UInt8] {
        var seccomp = SeccompFilter(defaultAction: plan.notifies ? .notify : .fail(errno: EPERM))
        seccomp.cookie = cookie
        let allowed = policy.effectiveAllowedSyscalls
        for name in allowed.subtracting(plan.supervisedSyscalls) {
            guard let syscall = Syscall(name) else { continue }
            seccomp.allow(syscall)
        }
        for name in SandboxPlan.processSyscalls.intersection(allowed) {
            guard let syscall = Syscall(name) else { continue }
            seccomp.allow(syscall, when: .argument(0, equals: 0))
        }
        if plan.countsForks, allowed.contains("clone"), let clone = Syscall("clone") {
            let cloneThread: UInt64 = 0x0001_0000  // CLONE_THREAD, which the Glibc module leaves out
            seccomp.allow(clone, when: .argument(0, hasAll: cloneThread))
        }
        if plan.countsForks || !allowed.contains("clone3"), let clone3 = Syscall("clone3") {
            seccomp.fail(clone3, errno: ENOSYS)
        }
        return try seccomp.compile()
    }

    public func confinement(reportingTo denials: PolicyDenials) -> Confinement {
        let rules = self.rules
        let supervise: @Sendable (Int32, Int32) -> Void = { listener, _ in
            SyscallSupervisor.shared.supervise(listener, with: JailSession(rules: rules, denials: denials))
        }
        let landlock = self.landlock
        let support = self.support
        // (A closure inside `landlock.map` crashes the Swift 6.3.1 compiler.)
        let ruleset: @Sendable (String) throws(SpawnError) -> Int32 = { executable throws(SpawnError) in
            guard let landlock else { return -1 }
            do throws(SandboxError) {
                return try landlock.ruleset(executing: executable, support: support).release()
            } catch {
                throw SpawnError(code: .confinement, errno: error.errno == 0 ? EINVAL : error.errno)
            }
        }
        return Confinement(
            noNewPrivileges: true,
            landlockRuleset: landlock == nil ? nil : ruleset,
            seccompFilter: filter,
            seccompCookie: cookie,
            listener: plan.notifies ? supervise : nil
        )
    }
}
