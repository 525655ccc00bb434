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
        let c = ["auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
                 "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
                 "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
                 "volatile", "while", "printf", "scanf", "puts", "putchar", "getchar", "fgets", "fprintf", "malloc",
                 "free", "memcpy", "memset", "strlen", "strcmp", "strcpy", "include", "define"]
        let cpp = ["class", "namespace", "template", "typename", "public", "private", "protected", "virtual",
                   "override", "new", "delete", "nullptr", "using", "std", "cout", "cin", "cerr", "endl", "string",
                   "vector", "map", "unordered_map", "set", "iostream", "constexpr", "noexcept", "try", "catch", "throw"]
        return dialect == .c ? c : c + cpp
    }

    func build(_ context: RunContext) async -> Int {
        guard context.fileExists(dialect.mainFile) else {
            context.diagnostic("cannot find build script (\"Makefile\") or the main file (\"\(dialect.mainFile)\")")
            return 127
        }
        var objects: [String] = []
        for source in context.sourceFiles(withExtensions: dialect.sourceExtensions) {
            let object = "\(Self.objectDirectory)/\(source).o"
            do {
                try context.makeDirectory(String(object[..<object.lastIndex(of: "/")!]))
            } catch {
                context.diagnostic("\(error)")
                return -1
            }
            let compiled = await context.run(context.runtimePath, Self.compileFlags + ["-c", source, "-o", object])
            guard compiled == 0 else { return compiled }
            objects.append(object)
        }
        return await context.run(context.runtimePath, objects + ["-o", "main"] + Self.linkFlags)
    }

    func execute(_ context: RunContext) async -> Int {
        for candidate in ["main", "a.out"] where context.isExecutableFile(candidate) {
            return await context.run(context.resolve(candidate))
        }
        context.diagnostic("cannot find executable (\"main\" or \"a.out\")")
        return 127
    }

    func clean(_ context: RunContext) async -> Int {
        guard context.fileExists("Makefile") else { return 0 }
        return await context.shell("make clean")
    }

    func query(_ code: String, _ context: RunContext) async -> Int {
        guard let snippet = context.writeSnippet(code, named: dialect.mainFile) else { return -1 }
        let binary = "\(snippet.directory)/main"
        return await context.runSnippet(
            compile: Invocation(context.runtimePath, Self.compileFlags + [snippet.path, "-o", binary] + Self.linkFlags),
            run: Invocation(binary)
        )
    }
}
