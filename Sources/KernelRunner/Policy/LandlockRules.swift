import Sandbox

/// What a Landlock ruleset of a policy holds. A ruleset is made per child, because the program
/// the daemon starts may always be read and run, as a tracing jail always lets its own first
/// `execve` through.
struct LandlockRules: Sendable {
    /// The rights the ruleset handles (denies except beneath the allowed paths).
    let handled: LandlockAccess
    /// The rights allowed beneath each path.
    var allowed: [(access: LandlockAccess, path: String)] = []

    init(handled: LandlockAccess) {
        self.handled = handled
    }

    /// A ruleset of the rules and `executable`, for a child that runs it.
    func ruleset(executing executable: String, support: SandboxSupport) throws(SandboxError) -> LandlockRuleset {
        let ruleset = try LandlockRuleset(handling: handled, support: support)
        for rule in allowed {
            try ruleset.allow(rule.access, beneath: rule.path)
        }
        try ruleset.allow([.execute, .readFile], beneath: executable)
        return ruleset
    }
}
