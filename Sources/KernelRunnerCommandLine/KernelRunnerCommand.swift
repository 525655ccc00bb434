import ArgumentParser

/// `kernel-runner <language> [runtime-path]` serves the agent; `kernel-runner client …` plays it.
struct KernelRunnerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel-runner",
        abstract: "Runs users' code for the Backend.AI agent over ZeroMQ.",
        subcommands: [ServeCommand.self, ClientCommand.self, LanguagesCommand.self, PolicyCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}
