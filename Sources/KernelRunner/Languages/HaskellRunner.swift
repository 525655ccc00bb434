import Foundation

/// Haskell: `ghc` on the Main module, or cabal/stack for projects when those tools exist.
struct HaskellRunner: BaseRunner {
    var logPrefix: String { "haskell-kernel" }

    var completionKeywords: [String] {
        ["case", "class", "data", "default", "deriving", "do", "else", "forall", "foreign", "if", "import", "in",
         "infix", "infixl", "infixr", "instance", "let", "module", "newtype", "of", "qualified", "then", "type",
         "where", "main", "putStrLn", "putStr", "print", "getLine", "read", "show", "return", "pure", "map",
         "filter", "foldr", "foldl", "length", "head", "tail", "zip", "concat", "mapM_", "forM_", "Maybe",
         "Just", "Nothing", "Either", "Left", "Right", "Int", "Integer", "Double", "String", "Bool", "IO"]
    }

    /// Interface and object files go here rather than next to the sources.
    private static let outputDirectory = ".kernel-runner/ghc"
    /// Where the Main module usually is, in order.
    private static let mainModuleCandidates = ["Main.hs", "main.hs", "app/Main.hs", "src/Main.hs"]

    /// How the work dir's project is built and run.
    private enum Project {
        case stack, cabal, plain
    }

    func build(_ context: RunContext) async -> Int {
        switch project(context) {
        case .stack:
            return await context.run("stack", ["build"])
        case .cabal:
            return await context.run("cabal", ["build"])
        case .plain:
            guard let mainModule = findMainModule(context) else {
                context.diagnostic("cannot find build script (\"Makefile\") or the Main module (\"Main.hs\" or a file with \"module Main\")")
                return 127
            }
            // `-o main`: the original passed `main` as a target, so the executable was named
            // after the Main source file and `exec *` could not find `./main`.
            return await context.run(context.runtimePath, ["--make", "-outputdir", Self.outputDirectory, "-o", "main", "-i" + searchPath(for: mainModule, context), mainModule])
        }
    }

    func execute(_ context: RunContext) async -> Int {
        switch project(context) {
        case .stack:
            return await context.run("stack", ["run"])
        case .cabal:
            return await context.run("cabal", ["run", "-v0"])
        case .plain:
            guard context.isExecutableFile("main") else {
                context.diagnostic("cannot find the executable \"main\"; build it with build \"*\" first")
                return 127
            }
            return await context.run(context.resolve("main"))
        }
    }

    func query(_ code: String, _ context: RunContext) async -> Int {
        guard let snippet = context.writeSnippet(code, named: "Main.hs") else { return -1 }
        return await context.runSnippet(run: Invocation(context.companionTool("runhaskell"), [snippet.path]))
    }

    /// Stack or cabal when the project has their files and the tool is installed; otherwise
    /// plain `ghc`, which builds simple cabal projects too.
    private func project(_ context: RunContext) -> Project {
        if context.fileExists("stack.yaml") {
            if context.toolExists("stack") { return .stack }
            context.log("stack.yaml found but stack is not installed; using ghc")
        }
        let topLevel = (try? FileManager.default.contentsOfDirectory(atPath: context.workingDirectory)) ?? []
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
