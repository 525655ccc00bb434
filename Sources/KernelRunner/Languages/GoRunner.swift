import Foundation
import ProcessSupervision

/// Go: module builds, with a fallback for a flat directory of files without `go.mod`.
struct GoRunner: BaseRunner {
    var logPrefix: String { "go-kernel" }

    /// `os.Stdout` is unbuffered.
    var interactiveStandardIO: StandardIO { .terminalInput }

    var completionKeywords: [String] {
        ["break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func",
         "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct",
         "switch", "type", "var", "append", "cap", "close", "copy", "delete", "len", "make", "new", "panic",
         "recover", "print", "println", "error", "string", "int", "int64", "float64", "bool", "byte", "rune",
         "nil", "true", "false", "fmt", "Println", "Printf", "Sprintf", "Errorf", "strings", "strconv", "os"]
    }

    func prepareEnvironment(_ environment: inout ChildEnvironment) {
        environment.promoteToPathFront(["/usr/local/go/bin"].filter { FileManager.default.fileExists(atPath: $0) })
    }

    /// `go.mod` → `go build -o main .` (the module's main package; subpackages are imported,
    /// not listed). Without a module, `main.go` and its sibling files form the package, which
    /// is what the original meant; it passed every `**/*.go`, which fails across directories.
    func build(_ context: RunContext) async -> Int {
        if context.fileExists("go.mod") {
            return await context.run(context.runtimePath, ["build", "-o", "main", "."])
        }
        guard context.fileExists("main.go") else {
            context.diagnostic("cannot find \"go.mod\" or \"main.go\"")
            return 127
        }
        let packageFiles = context.sourceFiles(withExtensions: [".go"])
            .filter { !$0.contains("/") && !$0.hasSuffix("_test.go") }
        return await context.run(context.runtimePath, ["build", "-o", "main"] + packageFiles)
    }

    func execute(_ context: RunContext) async -> Int {
        guard context.isExecutableFile("main") else {
            context.diagnostic("cannot find the executable \"main\"; build it with build \"*\" first")
            return 127
        }
        return await context.run(context.resolve("main"))
    }

    /// `go build` in the scratch directory, then the binary in the work dir. Unlike `go run`,
    /// the program's own exit code is the answer (`go run` reports 1 for any failure), and a
    /// `go.mod` in the work dir does not reject a file outside its module.
    func query(_ code: String, _ context: RunContext) async -> Int {
        guard let snippet = context.writeSnippet(code, named: "main.go") else { return -1 }
        let binary = "\(snippet.directory)/main"
        return await context.runSnippet(
            compile: Invocation(context.runtimePath, ["build", "-o", binary, "main.go"], in: snippet.directory),
            run: Invocation(binary)
        )
    }
}
