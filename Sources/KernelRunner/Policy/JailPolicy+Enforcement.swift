extension JailPolicy {
    /// The inherited variables that children keep: `preserved_env_keys`, the jail's defaults
    /// when the key is left out, or the union of both when `diff_to_default` is set.
    public var retainedEnvironmentKeys: Set<String> {
        guard let keys = preservedEnvironmentKeys else { return Self.defaultPreservedEnvironmentKeys }
        return diffToDefault ? Self.defaultPreservedEnvironmentKeys.union(keys) : Set(keys)
    }

    /// Does to `environment` what the jail does to the environment of the program it starts:
    /// keeps only ``retainedEnvironmentKeys``, then sets every ``extraEnvironment`` variable.
    ///
    /// Apply it to the daemon's inherited environment *before* the child environment is built
    /// from it, exactly as if the jail had started the daemon: the runner's own defaults (`HOME`
    /// and `TERM` always, `LANG`, `PATH` and `SHELL` when missing), `environ.txt` and the `PATH`
    /// promotions are then added on top, so a policy can neither remove them nor be bypassed by
    /// anything the daemon merely inherited.
    public func apply(to environment: inout [String: String]) {
        let retained = retainedEnvironmentKeys
        environment = environment.filter { retained.contains($0.key) }
        environment.merge(extraEnvironment) { _, extra in extra }
    }

    /// The process limit of every run (`ResourceLimits.processes`): `max_child_procs`, or `nil`
    /// (no limit) when the policy has none.
    ///
    /// Both ways the daemon enforces it count threads, not only processes: a pids cgroup where
    /// one is writable, else RLIMIT_NPROC, which also counts every other thread of the child's
    /// user and is not enforced for root. That is why the jail's default of 32 is not imposed
    /// when the key is missing: thread-heavy runtimes (the JVM, Go, GHC) would fail to start.
    public var processLimit: Int? {
        maxChildProcesses
    }
}
