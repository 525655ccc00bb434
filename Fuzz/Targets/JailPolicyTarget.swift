import KernelRunner

extension FuzzTarget {
    /// A jail policy (`policy.yml`, YAML read by libyaml through Yams).
    ///
    /// An accepted policy never lets `ptrace` through and only sets well-formed variables.
    static let jailPolicy = FuzzTarget("jail-policy", dictionary: "jail-policy.dict") { input throws(InvariantViolation) in
        guard let policy = try? JailPolicy(yaml: String(decoding: input, as: UTF8.self), source: "fuzz.yml") else { return }
        try require(!(policy.allowedSyscalls ?? []).contains("ptrace"), "ptrace allowed")
        // By scalar: a combining mark after "=" or NUL hides it from a Character comparison,
        // not from the C string the name ends up in.
        for key in policy.extraEnvironment.keys + (policy.preservedEnvironmentKeys ?? []) {
            try require(!key.isEmpty && !key.unicodeScalars.contains { $0 == "=" || $0 == "\0" }, "variable name \(key.debugDescription)")
        }
        try require((policy.maxChildProcesses ?? 1) >= 1, "max_child_procs \(policy.maxChildProcesses ?? 0)")
    }
}
