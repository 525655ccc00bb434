import Glibc
import KernelRunnerCore
import KernelRunnerInteractive
import SystemSupport

/// Haskell: `ghc` on the Main module, or cabal/stack for projects when those tools exist; query
/// mode keeps its declarations in one GHCi.
struct HaskellRunner: BaseRunner {
    var logPrefix: String { "haskell-kernel" }

    var completionKeywords: [String] {
        [
            "case", "class", "data", "default", "deriving", "do", "else", "forall", "foreign", "if", "import", "in",
            "infix", "infixl", "infixr", "instance", "let", "module", "newtype", "of", "qualified", "then", "type",
            "where", "main", "putStrLn", "putStr", "print", "getLine", "read", "show", "return", "pure", "map",
            "filter", "foldr", "foldl", "length", "head", "tail", "zip", "concat", "mapM_", "forM_", "Maybe",
            "Just", "Nothing", "Either", "Left", "Right", "Int", "Integer", "Double", "String", "Bool", "IO",
        ]
    }

    /// Interface and object files go here rather than next to the sources.
    private static let outputDirectory = ".kernel-runner/ghc"
    /// Where the Main module usually is, in order.
    private static let mainModuleCandidates = ["Main.hs", "main.hs", "app/Main.hs", "src/Main.hs"]

    /// How the work dir's project is built and run.
    private enum Project {
        case stack, cabal, plain
    }

    func build(_ context: RunContext) async -> StepOutcome {
        switch project(context) {
        case .stack:
            return await context.run("stack", ["build"])
        case .cabal:
            return await context.run("cabal", ["build"])
        case .plain:
            guard let mainModule = findMainModule(context) else {
                context.diagnostic(
                    "cannot find build script (\"Makefile\") or the Main module (\"Main.hs\" or a file with \"module Main\")")
                return .notFound
            }
            // `-o main`: the original passed `main` as a target, so the executable was named
            // after the Main source file and `exec *` could not find `./main`.
            return await context.run(
                context.runtimePath,
                ["--make", "-outputdir", Self.outputDirectory, "-o", "main", "-i" + searchPath(for: mainModule, context), mainModule])
        }
    }

    func execute(_ context: RunContext) async -> StepOutcome {
        switch project(context) {
        case .stack:
            return await context.run("stack", ["run"])
        case .cabal:
            return await context.run("cabal", ["run", "-v0"])
        case .plain:
            guard context.isExecutableFile("main") else {
                context.diagnostic("cannot find the executable \"main\"; build it with build \"*\" first")
                return .notFound
            }
            return await context.run(context.resolve("main"))
        }
    }

    /// One GHCi for every `code` run, so declarations survive between runs (see
    /// ``SessionDriver/ghci``); `--stateless-query` runs each snippet as a program instead.
    func makeQuerySession(_ settings: QuerySessionSettings) -> (any QuerySession)? {
        PersistentSession.repl(.ghci, settings, jupyter: nil)
    }

    /// Compiled with `ghc` (then a repeated snippet comes from the compile cache), through a
    /// wrapper that makes the program behave as under `runhaskell`: stdout and stderr
    /// unbuffered (a prompt shows before the input it asks for) and the program named
    /// `Main.hs` in its error messages. The work dir's modules can be imported, as with
    /// `runhaskell` run there; their objects stay in the scratch directory.
    func query(_ code: String, _ context: RunContext) async -> StepOutcome {
        let module = Self.moduleName(of: code)
        let wrapper = "KernelRunnerMain"
        let companions = ["\(wrapper).hs": Self.wrapperSource(wrapper, calling: module)]
        guard let snippet = context.writeSnippet(code, named: "Main.hs", companions: companions) else { return .runnerFailure }
        let ownOutputs: Set<String> = ["main", "\(module).hi", "\(module).o", "\(wrapper).hi", "\(wrapper).o"]
        let compile = SnippetCompilation(
            context.runtimePath,
            ["-v0", "-outputdir", ".", "-i" + context.workingDirectory, "-main-is", wrapper, "-o", "main", "\(wrapper).hs", "Main.hs"],
            environmentKeys: ["HOME", "GHC_PACKAGE_PATH", "GHC_ENVIRONMENT"],
            isCacheable: !["TemplateHaskell", "QuasiQuotes", "__DATE__", "__TIME__"].contains(where: code.contains),
            isOwnOutput: { ownOutputs.contains($0) }
        )
        return await context.runSnippet(snippet, compile: compile, run: Invocation("\(snippet.directory)/main"))
    }

    /// The module a snippet declares (`module Name …` at the start of a line), else `Main`.
    static func moduleName(of code: String) -> String {
        for line in code.split(whereSeparator: \.isNewline) where line.hasPrefix("module ") {
            let name = line.dropFirst("module ".count).trimmingWhitespace.prefix { $0.isLetter || $0.isNumber || "_.'".contains($0) }
            if !name.isEmpty { return String(name) }
        }
        return "Main"
    }

    /// The program's entry point: `runhaskell`'s stdio and program name around the snippet's `main`.
    private static func wrapperSource(_ name: String, calling module: String) -> String {
        """
        module \(name) (main) where

        import qualified \(module)
        import GHC.TopHandler (runMainIO)
        import System.Environment (withProgName)
        import System.IO

        main :: IO ()
        main = do
          hSetBuffering stdout NoBuffering
          hSetBuffering stderr NoBuffering
          withProgName "Main.hs" (runMainIO \(module).main)

        """
    }

    /// Stack or cabal when the project has their files and the tool is installed; otherwise
    /// plain `ghc`, which builds simple cabal projects too.
    private func project(_ context: RunContext) -> Project {
        if context.fileExists("stack.yaml") {
            if context.toolExists("stack") { return .stack }
            context.log("stack.yaml found but stack is not installed; using ghc")
        }
        let topLevel = (try? FileSystem.names(in: context.workingDirectory)) ?? []
        let hasCabalFile = context.fileExists("cabal.project") || topLevel.contains { $0.hasSuffix(".cabal") }
        if hasCabalFile {
            if context.toolExists("cabal") { return .cabal }
            context.log("a cabal project but cabal is not installed; using ghc")
        }
        return .plain
    }

    private func findMainModule(_ context: RunContext) -> String? {
        if let known = Self.mainModuleCandidates.first(where: context.fileExists) { return known }
        return context.sourceFiles(withExtensions: [".hs"]).first { path in
            (context.readText(path) ?? "").split(whereSeparator: \.isNewline).contains { line in
                line.hasPrefix("module Main ") || line == "module Main" || line.hasPrefix("module Main(")
            }
        }
    }

    /// The Main module's folder, the work dir and `src`: where imported modules are looked up.
    private func searchPath(for mainModule: String, _ context: RunContext) -> String {
        let folder = mainModule.contains("/") ? String(mainModule[..<mainModule.lastIndex(of: "/")!]) : "."
        var folders = [folder, "."]
        if context.directoryExists("src") { folders.append("src") }
        var seen: Set<String> = []
        return folders.filter { seen.insert($0).inserted }.joined(separator: ":")
    }
}
