import SystemSupport
import YAML

extension JailPolicy {
    /// Reads and validates a policy file.
    ///
    /// - Throws: ``PolicyError`` naming the file, and the key and line where it can.
    public init(contentsOf path: String) throws(PolicyError) {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path, limit: .max)
        } catch {
            throw PolicyError(.unreadable, source: path, detail: "\(error)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw PolicyError(.unreadable, source: path, detail: "the file is not UTF-8 text")
        }
        try self.init(yaml: text, source: path)
    }

    /// Parses and validates the text of a policy; an empty document is the empty policy.
    ///
    /// Unknown keys are rejected rather than ignored, so that a misspelt limit cannot pass
    /// unnoticed. `traced_syscalls` is accepted and ignored: both jails always replace it with
    /// their built-in list.
    ///
    /// - Parameter source: the name used in error messages.
    public init(yaml text: String, source: String = "<policy>") throws(PolicyError) {
        let root: YAMLNode?
        do {
            root = try YAMLComposer.compose(text)
        } catch {
            throw PolicyError(.malformed, source: source, detail: "\(error)")
        }
        self.init()
        let reader = PolicyReader(source: source)
        guard let root, !reader.isNull(root) else { return }
        try read(root, with: reader)
    }

    private mutating func read(_ root: YAMLNode, with reader: PolicyReader) throws(PolicyError) {
        for (key, keyNode, value) in try reader.entries(of: root, at: nil) {
            guard Self.schemaKeys.contains(key) else {
                let known = Self.schemaKeys.sorted().joined(separator: ", ")
                throw reader.error(.unknownKey, at: key, keyNode, "unknown key (known keys: \(known))")
            }
            if reader.isNull(value) { continue }
            switch key {
            case "whitelist_paths":
                whitelistPaths = try Self.readWhitelist(value, with: reader)
            case "exec_allowance":
                execAllowance = try reader.integer(value, at: key, minimum: -1)
            case "fork_allowance":
                forkAllowance = try reader.integer(value, at: key, minimum: -1)
            case "max_child_procs":
                maxChildProcesses = try reader.integer(value, at: key, minimum: 1)
            case "extra_envs":
                for assignment in try reader.strings(value, at: key, problem: Self.assignmentProblem) {
                    // Checked to hold a "=": split at the first one, the value may contain more.
                    let parts = assignment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    extraEnvironment[String(parts[0])] = String(parts[1])
                }
            case "preserved_env_keys":
                preservedEnvironmentKeys = try reader.strings(value, at: key, problem: Self.variableNameProblem)
            case "diff_to_default":
                diffToDefault = try reader.boolean(value, at: key)
            case "allowed_syscalls":
                allowedSyscalls = try reader.strings(value, at: key, problem: Self.syscallProblem)
            default:
                break  // traced_syscalls
            }
        }
    }

    private static let schemaKeys: Set<String> = [
        "whitelist_paths", "exec_allowance", "fork_allowance", "max_child_procs", "extra_envs",
        "preserved_env_keys", "diff_to_default", "allowed_syscalls", "traced_syscalls",
    ]

    private static func readWhitelist(_ node: YAMLNode, with reader: PolicyReader) throws(PolicyError) -> [PathOperation: [String]] {
        var whitelist: [PathOperation: [String]] = [:]
        for (name, nameNode, patterns) in try reader.entries(of: node, at: "whitelist_paths") {
            let key = "whitelist_paths.\(name)"
            guard let operation = PathOperation(rawValue: name) else {
                let known = PathOperation.allCases.map(\.rawValue).joined(separator: ", ")
                throw reader.error(.unknownKey, at: key, nameNode, "unknown path operation (known: \(known))")
            }
            whitelist[operation] =
                reader.isNull(patterns)
                ? []
                : try reader.strings(patterns, at: key) { $0.isEmpty ? "an empty pattern matches no path" : nil }
        }
        return whitelist
    }

    private static func variableNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "an empty variable name" }
        // By scalar: a combining mark after "=" or NUL would hide it from Character comparison.
        if name.unicodeScalars.contains(where: { $0 == "=" || $0 == "\0" }) { return "a variable name cannot contain \"=\" or NUL" }
        return nil
    }

    private static func assignmentProblem(_ assignment: String) -> String? {
        guard let equals = assignment.firstIndex(of: "=") else { return "expected KEY=VALUE" }
        return variableNameProblem(String(assignment[..<equals]))
    }

    private static func syscallProblem(_ name: String) -> String? {
        if name == "ptrace" {
            return "ptrace must never be allowed: a program that can trace another can escape any sandbox"
        }
        let valid = !name.isEmpty && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        return valid ? nil : "\"\(name)\" is not a syscall name (lower-case letters, digits and _)"
    }
}
