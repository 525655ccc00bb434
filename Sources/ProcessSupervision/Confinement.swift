/// What the spawn applies to a child right before `execve`, after its limits: the sandbox of a
/// jail policy, as prepared by the daemon (the policy room builds it).
public struct Confinement: Sendable {
    /// `PR_SET_NO_NEW_PRIVS`: neither setuid programs nor file capabilities raise privileges.
    /// Always set when there is a ruleset or a filter.
    public var noNewPrivileges: Bool
    /// Makes the Landlock ruleset a child that executes `executable` (an absolute path)
    /// restricts itself to: a new open descriptor, which the spawn closes once the child has
    /// used it. Nil for no ruleset.
    public var landlockRuleset: (@Sendable (_ executable: String) throws(SpawnError) -> Int32)?
    /// A seccomp filter: `struct sock_filter` instructions, 8 bytes each; empty for none.
    public var seccompFilter: [UInt8]
    /// What the child's own system calls after the filter carry in their sixth argument (the
    /// filter lets them through): a secret the program cannot guess.
    public var seccompCookie: UInt64
    /// Receives the filter's notification listener once the child runs; nil for a filter
    /// without notifications.
    public var listener: (@Sendable (_ fileDescriptor: Int32, _ pid: Int32) -> Void)?

    public init(
        noNewPrivileges: Bool = true,
        landlockRuleset: (@Sendable (_ executable: String) throws(SpawnError) -> Int32)? = nil,
        seccompFilter: [UInt8] = [],
        seccompCookie: UInt64 = 0,
        listener: (@Sendable (_ fileDescriptor: Int32, _ pid: Int32) -> Void)? = nil
    ) {
        self.noNewPrivileges = noNewPrivileges
        self.landlockRuleset = landlockRuleset
        self.seccompFilter = seccompFilter
        self.seccompCookie = seccompCookie
        self.listener = listener
    }
}
