import ArgumentParser
import KernelRunner

/// Lists the runtime types this build understands.
struct LanguagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "languages",
        abstract: "List the supported runtime types and their default toolchains."
    )

    @Option(help: "Directory of declarative language specs to include.")
    var specs: String = RunnerConfiguration().languageSpecsDirectory

    func run() throws {
        let registry = try KernelRunnerCommandLine.registry.addingSpecs(from: specs)
        for entry in registry.entries {
            let aliases = entry.aliases.isEmpty ? "" : " (also: \(entry.aliases.joined(separator: ", ")))"
            print("\(entry.name)\t\(entry.defaultRuntimePath)\(aliases)")
        }
    }
}
