import Foundation
import KernelRunner
import TestSupport
import Testing

@Suite("Jail policy loading")
struct JailPolicyLoadingTests {
    @Test("every shipped policy loads", arguments: RepositoryFiles.policyLanguages)
    func shippedPolicyLoads(language: String) throws {
        let policy = try JailPolicy(contentsOf: "\(RepositoryFiles.policyDirectory)/\(language).yml")
        #expect(policy.maxChildProcesses != nil, "an image policy should bound its processes")
        #expect(policy.allowedSyscalls?.contains("ptrace") != true)
    }

    @Test func policiesExist() {
        #expect(!RepositoryFiles.policyLanguages.isEmpty)
    }

    @Test func readsEveryKey() throws {
        let policy = try JailPolicy(
            yaml: """
                whitelist_paths:
                  OP_OPEN: ["*"]
                  OP_CHMOD: ["/home/work/*", "/tmp/*"]
                  OP_EXEC:
                exec_allowance: -1
                fork_allowance: 10
                max_child_procs: 64
                extra_envs: ["A=1", "B=x=y", "A=2", "EMPTY="]
                preserved_env_keys: [HOME, PATH]
                diff_to_default: yes
                allowed_syscalls: [umask, setsid]
                traced_syscalls: [open]
                """)
        #expect(policy.whitelistPaths == [.open: ["*"], .chmod: ["/home/work/*", "/tmp/*"], .exec: []])
        #expect(policy.execAllowance == -1)
        #expect(policy.forkAllowance == 10)
        #expect(policy.maxChildProcesses == 64)
        #expect(policy.extraEnvironment == ["A": "2", "B": "x=y", "EMPTY": ""])
        #expect(policy.preservedEnvironmentKeys == ["HOME", "PATH"])
        #expect(policy.diffToDefault)
        #expect(policy.allowedSyscalls == ["umask", "setsid"])
    }

    @Test(
        "an empty document, and keys without a value, leave every default",
        arguments: ["", "# nothing\n", "max_child_procs:\nextra_envs: ~\n"]
    )
    func emptyIsDefault(yaml: String) throws {
        #expect(try JailPolicy(yaml: yaml) == JailPolicy())
    }

    @Test(
        "a value of the wrong type names its key",
        arguments: [
            ("max_child_procs: \"32\"", "max_child_procs"),
            ("max_child_procs: 3.5", "max_child_procs"),
            ("exec_allowance: [1]", "exec_allowance"),
            ("fork_allowance: true", "fork_allowance"),
            ("diff_to_default: 1", "diff_to_default"),
            ("extra_envs: A=1", "extra_envs"),
            ("preserved_env_keys: [HOME, 3]", "preserved_env_keys[1]"),
            ("preserved_env_keys: [HOME, NO]", "preserved_env_keys[1]"),
            ("allowed_syscalls: {umask: 1}", "allowed_syscalls"),
            ("whitelist_paths: [\"*\"]", "whitelist_paths"),
            ("whitelist_paths:\n  OP_OPEN: \"*\"", "whitelist_paths.OP_OPEN"),
            ("whitelist_paths:\n  OP_OPEN: [\"*\", 7]", "whitelist_paths.OP_OPEN[1]"),
        ]
    )
    func wrongType(yaml: String, key: String) {
        let error = #expect(throws: PolicyError.self) { try JailPolicy(yaml: yaml, source: "test.yml") }
        #expect(error?.code == .wrongType)
        #expect(error?.key == key)
        #expect(error?.description.contains(key) == true)
    }

    @Test(
        "an unusable value names its key",
        arguments: [
            ("max_child_procs: 0", "max_child_procs"),
            ("exec_allowance: -2", "exec_allowance"),
            ("max_child_procs: 99999999999999999999999", "max_child_procs"),
            ("extra_envs: [\"NOVALUE\"]", "extra_envs[0]"),
            ("extra_envs: [\"=x\"]", "extra_envs[0]"),
            ("preserved_env_keys: [\"\"]", "preserved_env_keys[0]"),
            ("allowed_syscalls: [umask, ptrace]", "allowed_syscalls[1]"),
            ("allowed_syscalls: [\"Open\"]", "allowed_syscalls[0]"),
            ("whitelist_paths:\n  OP_EXEC: [\"\"]", "whitelist_paths.OP_EXEC[0]"),
        ]
    )
    func invalidValue(yaml: String, key: String) {
        let error = #expect(throws: PolicyError.self) { try JailPolicy(yaml: yaml) }
        #expect(error?.code == .invalidValue)
        #expect(error?.key == key)
    }

    @Test(
        "a misspelt key is an error, not silently ignored",
        arguments: [
            ("max_child_proc: 3", "max_child_proc", 1),
            ("diff_to_default: true\nwhitelist_path:\n  OP_OPEN: [\"*\"]", "whitelist_path", 2),
            ("whitelist_paths:\n  OP_WRITE: [\"*\"]", "whitelist_paths.OP_WRITE", 2),
        ]
    )
    func unknownKey(yaml: String, key: String, line: Int) {
        let error = #expect(throws: PolicyError.self) { try JailPolicy(yaml: yaml) }
        #expect(error?.code == .unknownKey)
        #expect(error?.key == key)
        #expect(error?.line == line)
    }

    @Test("the document must be a mapping", arguments: ["- a\n- b\n", "just text"])
    func notAMapping(yaml: String) {
        let error = #expect(throws: PolicyError.self) { try JailPolicy(yaml: yaml) }
        #expect(error?.code == .wrongType)
        #expect(error?.key == nil)
    }

    @Test(
        "broken YAML is malformed",
        arguments: ["a: [1, 2", "max_child_procs: 1\nmax_child_procs: 2\n", "extra_envs: [*]"]
    )
    func malformed(yaml: String) {
        let error = #expect(throws: PolicyError.self) { try JailPolicy(yaml: yaml) }
        #expect(error?.code == .malformed)
    }

    @Test func errorGivesFileLineAndKey() {
        let error = #expect(throws: PolicyError.self) {
            try JailPolicy(yaml: "diff_to_default: true\nmax_child_procs: lots\n", source: "policy/c.yml")
        }
        #expect(error?.line == 2)
        #expect(
            error?.description
                == "invalid jail policy policy/c.yml:2: max_child_procs: expected an integer, found the string \"lots\""
        )
    }

    @Test func missingFileIsUnreadable() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-policy-\(UUID()).yml").path
        let error = #expect(throws: PolicyError.self) { try JailPolicy(contentsOf: path) }
        #expect(error?.code == .unreadable)
        #expect(error?.source == path)
    }

    @Test func nonUTF8FileIsUnreadable() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("latin1-policy-\(UUID()).yml").path
        try Data([0x65, 0x78, 0x74, 0x72, 0x61, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: PolicyError.self) { try JailPolicy(contentsOf: path) }
        #expect(error?.code == .unreadable)
    }
}
