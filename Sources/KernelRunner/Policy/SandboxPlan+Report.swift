extension SandboxPlan.Enforcement: CustomStringConvertible {
    public var description: String {
        switch self {
        case .unrestricted: "unrestricted"
        case .landlock: "enforced by Landlock"
        case .daemon(let why): "checked by the daemon (\(why))"
        case .unenforced(let why): "NOT ENFORCED (\(why))"
        }
    }
}

extension SandboxPlan {
    /// One line for the daemon's log.
    public var summary: String {
        let restricted = PathOperation.allCases.compactMap { operation in
            paths[operation].flatMap { $0 == .unrestricted ? nil : "\(operation.rawValue) \($0)" }
        }
        let forkRule = countsForks ? ["fork_allowance \(forkAllowance) \(forks)"] : []
        let rules = restricted + forkRule
        return "no_new_privs, seccomp (\(allowedSyscalls.count) syscalls allowed, \(supervisedSyscalls.count) answered by the daemon"
            + (notifies ? ")" : ", refused without notification)")
            + ", Landlock ABI \(landlockABI)"
            + (rules.isEmpty ? "; every path and fork allowed" : "; " + rules.joined(separator: "; "))
    }

    /// What `kernel-runner policy check` prints: each rule of `policy`, and how this kernel
    /// enforces it.
    public func report(for policy: JailPolicy) -> String {
        let defaults = Set(JailPolicy.defaultAllowedSyscalls)
        let beyond = allowedSyscalls.subtracting(defaults).sorted()
        let without = defaults.subtracting(allowedSyscalls).sorted()
        var lines = [
            "kernel: Landlock ABI \(landlockABI)\(landlockABI == 0 ? " (none)" : ""), seccomp user notification: \(notifies ? "yes" : "no")",
            "no_new_privs: always set; setuid programs and file capabilities raise no privileges",
            "ptrace: always refused (EPERM)",
            "allowed_syscalls: \(allowedSyscalls.count) allowed, the rest refused with EPERM",
        ]
        if !beyond.isEmpty { lines.append("  beyond the defaults: \(beyond.joined(separator: ", "))") }
        if !unknownSyscalls.isEmpty {
            lines.append("  not syscalls of this architecture (ignored): \(unknownSyscalls.joined(separator: ", "))")
        }
        if !without.isEmpty { lines.append("  defaults not allowed: \(without.joined(separator: ", "))") }
        lines.append("signals and process settings aimed at PID 1 or the daemon: " + (notifies ? "refused (EPERM)" : "NOT ENFORCED"))
        lines.append("whitelist_paths:")
        for operation in PathOperation.allCases {
            let patterns = policy.patterns(for: operation).joined(separator: ", ")
            lines.append("  \(operation.rawValue): \(patterns.isEmpty ? "(nothing)" : patterns): \(paths[operation] ?? .unrestricted)")
        }
        let execs = policy.effectiveExecAllowance
        lines.append("exec_allowance: \(execs == -1 ? "unlimited" : "\(execs) outside OP_EXEC")")
        lines.append("fork_allowance: \(countsForks ? "\(forkAllowance): \(forks)" : "unlimited")")
        lines.append("max_child_procs: " + (policy.processLimit.map { "\($0) (pids cgroup, else RLIMIT_NPROC)" } ?? "no limit"))
        lines.append(
            "environment: keeps \(policy.retainedEnvironmentKeys.sorted().joined(separator: ", ")); sets \(policy.extraEnvironment.count) variables"
        )
        lines.append(isComplete ? "complete: every rule is enforced here" : "incomplete: --require-sandbox would refuse to start")
        return lines.joined(separator: "\n")
    }
}
