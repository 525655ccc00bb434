import KernelRunnerCore
import KernelRunnerInteractive

/// C and C++: compile with the runtime compiler, link with the usual system libraries.
struct CFamilyRunner: BaseRunner {
    /// The two dialects share every rule but their names.
    enum Dialect: Sendable {
        case c, cpp

        var mainFile: String { self == .c ? "main.c" : "main.cpp" }
        var sourceExtensions: [String] { self == .c ? [".c"] : [".cpp", ".cc", ".cxx"] }
        var logPrefix: String { self == .c ? "c-kernel" : "cpp-kernel" }
    }

    let dialect: Dialect

    init(_ dialect: Dialect) {
        self.dialect = dialect
    }

    private static let compileFlags = ["-Wall"]
    private static let linkFlags = ["-lrt", "-lm", "-pthread", "-ldl"]
    /// Objects mirror the source tree here, so `a/util.c` and `b/util.c` never collide.
    private static let objectDirectory = ".kernel-runner/obj"

    var logPrefix: String { dialect.logPrefix }

    var completionKeywords: [String] {
        let c = [
            "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
            "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
            "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
            "volatile", "while", "printf", "scanf", "puts", "putchar", "getchar", "fgets", "fprintf", "malloc",
            "free", "memcpy", "memset", "strlen", "strcmp", "strcpy", "include", "define",
        ]
        let cpp = [
            "class", "namespace", "template", "typename", "public", "private", "protected", "virtual",
            "override", "new", "delete", "nullptr", "using", "std", "cout", "cin", "cerr", "endl", "string",
            "vector", "map", "unordered_map", "set", "iostream", "constexpr", "noexcept", "try", "catch", "throw",
        ]
        return dialect == .c ? c : c + cpp
    }

    func build(_ context: RunContext) async -> StepOutcome {
        guard context.fileExists(dialect.mainFile) else {
            context.diagnostic("cannot find build script (\"Makefile\") or the main file (\"\(dialect.mainFile)\")")
            return .notFound
        }
        var objects: [String] = []
        for source in context.sourceFiles(withExtensions: dialect.sourceExtensions) {
            let object = "\(Self.objectDirectory)/\(source).o"
            do {
                try context.makeDirectory(String(object[..<object.lastIndex(of: "/")!]))
            } catch {
                context.diagnostic("\(error)")
                return .runnerFailure
            }
            let compiled = await context.run(context.runtimePath, Self.compileFlags + ["-c", source, "-o", object])
            guard compiled.isSuccess else { return compiled }
            objects.append(object)
        }
        return await context.run(context.runtimePath, objects + ["-o", "main"] + Self.linkFlags)
    }

    func execute(_ context: RunContext) async -> StepOutcome {
        for candidate in ["main", "a.out"] where context.isExecutableFile(candidate) {
            return await context.run(context.resolve(candidate))
        }
        context.diagnostic("cannot find executable (\"main\" or \"a.out\")")
        return .notFound
    }

    func clean(_ context: RunContext) async -> StepOutcome {
        guard context.fileExists("Makefile") else { return .success }
        return await context.shell("make clean")
    }

    func query(_ code: String, _ context: RunContext) async -> StepOutcome {
        guard let snippet = context.writeSnippet(code, named: dialect.mainFile) else { return .runnerFailure }
        let compile = SnippetCompilation(
            context.runtimePath, Self.compileFlags + [dialect.mainFile, "-o", "main"] + Self.linkFlags,
            environmentKeys: Self.compilerEnvironmentKeys, isCacheable: !Self.readsBeyondToolchain(code))
        return await context.runSnippet(snippet, compile: compile, run: Invocation("\(snippet.directory)/main"))
    }

    /// The variables GCC (and Clang) read besides the common ones: header and library search
    /// paths, where the driver finds its programs, and the date `__DATE__` reports.
    private static let compilerEnvironmentKeys = [
        "CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "LIBRARY_PATH", "GCC_EXEC_PREFIX", "COMPILER_PATH", "SOURCE_DATE_EPOCH",
    ]

    /// Whether the snippet reads at compile time what the cache key leaves out: the clock, or a
    /// file outside the toolchain's directories (a directive naming an absolute or `..` path;
    /// the scratch directory holds only the snippet). Such a snippet is compiled every time.
    static func readsBeyondToolchain(_ code: String) -> Bool {
        if ["__DATE__", "__TIME__", "__TIMESTAMP__"].contains(where: code.contains) { return true }
        return code.split(whereSeparator: \.isNewline).contains { line in
            line.trimmingWhitespace.hasPrefix("#") && ["\"/", "</", ".."].contains(where: line.contains)
        }
    }
}
