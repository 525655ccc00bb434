import Glibc
import KernelRunnerCore
import KernelRunnerInteractive
import ProcessSupervision
import SystemSupport

/// Runs a language described by a ``LanguageSpec``.
struct SpecRunner: BaseRunner {
    let spec: LanguageSpec

    init(_ spec: LanguageSpec) {
        self.spec = spec
    }

    var logPrefix: String { spec.logPrefix }
    var completionKeywords: [String] { spec.keywords }
    var jupyterKernelName: String? { spec.jupyterKernel }
    var interactiveStandardIO: StandardIO { spec.flushesPrompts ? .terminalInput : .pseudoTerminal }

    /// The spec's session driver, behind its Jupyter kernel when one is installed; without a
    /// driver, the Jupyter kernel alone or none.
    func makeQuerySession(_ settings: QuerySessionSettings) -> (any QuerySession)? {
        guard let key = spec.session, let driver = SessionDriver.builtIn[key] else {
            return jupyterLauncher(settings).map { PersistentSession(launchers: [$0], logger: settings.logger) }
        }
        return PersistentSession.repl(driver, settings, jupyter: jupyterLauncher(settings))
    }

    func prepareEnvironment(_ environment: inout ChildEnvironment) {
        // Defaults only: the image's and environ.txt's values win.
        for (key, value) in spec.environment where environment[key] == nil {
            environment[key] = value
        }
        environment.promoteToPathFront(spec.pathPrefixes.filter(FileSystem.exists))
    }

    func build(_ context: RunContext) async -> StepOutcome {
        await perform(.build, context)
    }

    func execute(_ context: RunContext) async -> StepOutcome {
        await perform(.exec, context)
    }

    func clean(_ context: RunContext) async -> StepOutcome {
        await perform(.clean, context)
    }

    func query(_ code: String, _ context: RunContext) async -> StepOutcome {
        guard let query = spec.query else {
            context.diagnostic("query mode is not supported by this runner")
            return .notFound
        }
        guard let snippet = context.writeSnippet(spec.querySource(for: code), named: query.fileName),
            let commands = spec.queryCommands(runtimePath: context.runtimePath, file: snippet.path, scratch: snippet.directory)
        else { return .runnerFailure }
        return await context.runSnippet(compile: commands.compile.map(Invocation.init(argv:)), run: Invocation(argv: commands.run))
    }

    private func perform(_ step: LanguageSpec.Step, _ context: RunContext) async -> StepOutcome {
        switch spec.plan(step, runtimePath: context.runtimePath, fileExists: context.fileExists) {
        case .run(let argv):
            return await context.run(Invocation(argv: argv))
        case .nothing:
            context.log("nothing to do for \(step.rawValue) *")
            return .success
        case .missing(let files):
            let names = files.map { "\"\($0)\"" }.joined(separator: " or ")
            context.diagnostic("cannot find \(names) for \(step.rawValue) *; send a command instead of \"*\"")
            return .notFound
        case .unsupported:
            context.diagnostic("this language has no default \(step.rawValue) step; send a command instead of \"*\"")
            return .notFound
        }
    }
}
