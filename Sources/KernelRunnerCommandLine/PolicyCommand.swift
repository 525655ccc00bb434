import ArgumentParser
import KernelRunner

/// `kernel-runner policy check FILE`: what a jail policy allows and how this kernel enforces it.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Inspect jail policies.",
        subcommands: [Check.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print what a jail policy allows and what this kernel can enforce of it."
        )

        @Argument(help: "The policy (YAML); the jail's default policy when left out.")
        var file: String?

        @Flag(help: "Exit with status 2 when the daemon's --require-sandbox would refuse this policy here.")
        var requireSandbox = false

        func run() throws {
            let policy = try file.map(JailPolicy.init(contentsOf:)) ?? JailPolicy()
            let plan = SandboxPlan(policy: policy)
            print("policy: \(file ?? "the jail's default policy")")
            print(plan.report(for: policy))
            if requireSandbox && !plan.isComplete {
                throw ExitCode(2)
            }
        }
    }
}
