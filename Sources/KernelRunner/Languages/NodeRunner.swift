import Glibc
import KernelRunnerCore
import KernelRunnerInteractive
import ProcessSupervision
import SystemSupport

/// Node.js: npm projects (install, build and start scripts) or a plain `main.js`/`index.js`.
struct NodeRunner: BaseRunner {
    var logPrefix: String { "nodejs-kernel" }

    /// `process.stdout` writes to a pipe at once (synchronously on Linux), prompts included.
    var interactiveStandardIO: StandardIO { .terminalInput }

    var completionKeywords: [String] {
        [
            "async", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default",
            "delete", "do", "else", "export", "extends", "false", "finally", "for", "function", "if", "import",
            "in", "instanceof", "let", "new", "null", "of", "return", "static", "super", "switch", "this",
            "throw", "true", "try", "typeof", "undefined", "var", "void", "while", "yield", "console", "log",
            "require", "module", "exports", "process", "Promise", "JSON", "Array", "Object", "Math", "setTimeout",
        ]
    }

    /// Keeps npm from phoning home about updates and funding in every build log.
    private static let quietNPM = ["npm_config_update_notifier": "false", "npm_config_fund": "false"]

    /// `npm install` only when there is something to install (it needs the registry), then
    /// `npm run build` when the package has a build script.
    func build(_ context: RunContext) async -> StepOutcome {
        guard context.fileExists("package.json") else {
            context.log("nothing to build: no package.json")
            return .success
        }
        guard let package = readPackage(context) else { return .failed }
        if package.hasDependencies {
            let installed = await context.run(npm(context, ["install"]))
            guard installed.isSuccess else { return installed }
        }
        guard package.scripts.contains("build") else {
            context.log("package.json has no build script")
            return .success
        }
        return await context.run(npm(context, ["run", "build"]))
    }

    /// `npm start` when the package has a start script, else its `main` file, `main.js` or
    /// `index.js`.
    func execute(_ context: RunContext) async -> StepOutcome {
        var entryPoints = ["main.js", "index.js"]
        if context.fileExists("package.json") {
            guard let package = readPackage(context) else { return .failed }
            if package.scripts.contains("start") {
                return await context.run(npm(context, ["start"]))
            }
            if let main = package.main { entryPoints.insert(main, at: 0) }
        }
        guard let entryPoint = entryPoints.first(where: context.fileExists) else {
            context.diagnostic("cannot find a start script in package.json, or \"main.js\" or \"index.js\"")
            return .notFound
        }
        return await context.run(context.runtimePath, [entryPoint])
    }

    /// Snippets run from the scratch directory, so `NODE_PATH` lets `require` find the work
    /// dir's packages; a snippet with `import`/`export` statements is run as an ES module.
    func query(_ code: String, _ context: RunContext) async -> StepOutcome {
        let isModule = code.split(whereSeparator: \.isNewline).contains { line in
            let statement = line.trimmingWhitespace
            return statement.hasPrefix("import ") || statement.hasPrefix("export ")
        }
        guard let snippet = context.writeSnippet(code, named: isModule ? "snippet.mjs" : "snippet.js") else { return .runnerFailure }
        let modules = context.resolve("node_modules")
        let nodePath = context.environment["NODE_PATH"].map { "\(modules):\($0)" } ?? modules
        return await context.runSnippet(run: Invocation(context.runtimePath, [snippet.path], environment: ["NODE_PATH": nodePath]))
    }

    /// Query mode keeps state: one Node.js process runs every cell (``SessionDriver/node``).
    func makeQuerySession(_ settings: QuerySessionSettings) -> (any QuerySession)? {
        PersistentSession.repl(.node, settings, jupyter: jupyterLauncher(settings))
    }

    private func npm(_ context: RunContext, _ arguments: [String]) -> Invocation {
        Invocation(context.companionTool("npm"), arguments, environment: Self.quietNPM)
    }

    private func readPackage(_ context: RunContext) -> NodePackage? {
        guard let bytes = FileSystem.contents(of: context.resolve("package.json")), let package = NodePackage(json: bytes) else {
            context.diagnostic("package.json is not a valid JSON object")
            return nil
        }
        return package
    }
}
