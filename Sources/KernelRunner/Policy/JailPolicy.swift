/// A Backend.AI jail policy (`/etc/backend.ai/jail/policy.yml`) in the Go-jail schema.
///
/// Every key is optional. A property is `nil` when the file leaves that key out, so that the
/// jail's built-in default applies; see `policy/README.md` for the defaults and for which keys
/// the runner enforces by itself (``apply(to:)`` and ``processLimit``).
public struct JailPolicy: Sendable, Equatable {
    /// `whitelist_paths`: glob patterns per checked path operation (the jail's business only).
    public var whitelistPaths: [PathOperation: [String]]?
    /// `exec_allowance`: execs allowed outside `OP_EXEC`; -1 means unlimited.
    public var execAllowance: Int?
    /// `fork_allowance`: forks allowed in all; -1 means unlimited.
    public var forkAllowance: Int?
    /// `max_child_procs`: the most processes alive at once.
    public var maxChildProcesses: Int?
    /// `extra_envs`: variables added to the children's environment (a later duplicate wins).
    public var extraEnvironment: [String: String]
    /// `preserved_env_keys`: the inherited variables children keep.
    public var preservedEnvironmentKeys: [String]?
    /// `diff_to_default`: the listed environment keys and syscalls extend the jail's defaults
    /// instead of replacing them.
    public var diffToDefault: Bool
    /// `allowed_syscalls`: syscalls the jail lets through without inspection.
    public var allowedSyscalls: [String]?

    /// The variables the jail keeps when a policy does not say (and extends when
    /// `diff_to_default` is set).
    public static let defaultPreservedEnvironmentKeys: Set<String> = [
        "HOME", "PATH", "LANG", "PYENV_ROOT", "PYTHONPATH", "LD_LIBRARY_PATH", "LD_PRELOAD",
    ]

    /// The empty policy: every key left to the jail's defaults.
    public init() {
        extraEnvironment = [:]
        diffToDefault = false
    }
}
