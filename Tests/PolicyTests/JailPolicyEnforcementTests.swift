import KernelRunner
import Testing

@Suite("Jail policy enforcement without a jail")
struct JailPolicyEnforcementTests {
    private let inherited = [
        "HOME": "/root", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "USER": "work",
        "AWS_SECRET_ACCESS_KEY": "secret", "BACKENDAI_KERNEL_ID": "k1", "GOPATH": "/go",
    ]

    @Test func keepsOnlyPreservedKeysThenAddsExtras() throws {
        let policy = try JailPolicy(
            yaml: """
                preserved_env_keys: [PATH, USER, NOT_SET]
                extra_envs: ["USER=jailed", "MPLBACKEND=Svg"]
                """)
        var environment = inherited
        policy.apply(to: &environment)
        #expect(environment == ["PATH": "/usr/bin:/bin", "USER": "jailed", "MPLBACKEND": "Svg"])
    }

    @Test func diffToDefaultAddsTheJailDefaults() throws {
        let policy = try JailPolicy(yaml: "diff_to_default: true\npreserved_env_keys: [GOPATH]\n")
        #expect(policy.retainedEnvironmentKeys == JailPolicy.defaultPreservedEnvironmentKeys.union(["GOPATH"]))
        var environment = inherited
        policy.apply(to: &environment)
        #expect(environment == ["HOME": "/root", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "GOPATH": "/go"])
    }

    @Test("without preserved_env_keys the jail's defaults apply", arguments: [false, true])
    func missingKeysMeanDefaults(diffToDefault: Bool) {
        var policy = JailPolicy()
        policy.diffToDefault = diffToDefault
        var environment = inherited
        policy.apply(to: &environment)
        #expect(environment == ["HOME": "/root", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"])
    }

    @Test func anEmptyListKeepsNothing() throws {
        var environment = inherited
        try JailPolicy(yaml: "preserved_env_keys: []").apply(to: &environment)
        #expect(environment.isEmpty)
    }

    @Test func processLimitIsMaxChildProcs() throws {
        #expect(try JailPolicy(yaml: "max_child_procs: 48").processLimit == 48)
        #expect(JailPolicy().processLimit == nil)
    }
}
