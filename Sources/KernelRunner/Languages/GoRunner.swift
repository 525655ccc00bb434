import Glibc
import KernelRunnerCore
import KernelRunnerInteractive
import ProcessSupervision
import SystemSupport

/// Go: module builds, with a fallback for a flat directory of files without `go.mod`.
struct GoRunner: BaseRunner {
    var logPrefix: String { "go-kernel" }

    /// `os.Stdout` is unbuffered.
    var interactiveStandardIO: StandardIO { .terminalInput }

    var completionKeywords: [String] {
        [
            "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func",
            "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct",
            "switch", "type", "var", "append", "cap", "close", "copy", "delete", "len", "make", "new", "panic",
            "recover", "print", "println", "error", "string", "int", "int64", "float64", "bool", "byte", "rune",
            "nil", "true", "false", "fmt", "Println", "Printf", "Sprintf", "Errorf", "strings", "strconv", "os",
        ]
    }

    func prepareEnvironment(_ environment: inout ChildEnvironment) {
        environment.promoteToPathFront(["/usr/local/go/bin"].filter(FileSystem.exists))
    }

    /// `go.mod` → `go build -o main .` (the module's main package; subpackages are imported,
    /// not listed). Without a module, `main.go` and its sibling files form the package, which
    /// is what the original meant; it passed every `**/*.go`, which fails across directories.
    func build(_ context: RunContext) async -> StepOutcome {
        if context.fileExists("go.mod") {
            return await context.run(context.runtimePath, ["build", "-o", "main", "."])
        }
        guard context.fileExists("main.go") else {
            context.diagnostic("cannot find \"go.mod\" or \"main.go\"")
            return .notFound
        }
        let packageFiles = context.sourceFiles(withExtensions: [".go"])
            .filter { !$0.contains("/") && !$0.hasSuffix("_test.go") }
        return await context.run(context.runtimePath, ["build", "-o", "main"] + packageFiles)
    }

    func execute(_ context: RunContext) async -> StepOutcome {
        guard context.isExecutableFile("main") else {
            context.diagnostic("cannot find the executable \"main\"; build it with build \"*\" first")
            return .notFound
        }
        return await context.run(context.resolve("main"))
    }

    /// `go build` in the scratch directory, then the binary in the work dir. Unlike `go run`,
    /// the program's own exit code is the answer (`go run` reports 1 for any failure), and a
    /// `go.mod` in the work dir does not reject a file outside its module. The snippet is
    /// built as `/snippet/main.go` (an overlay maps that name to the file), so a panic names the
    /// same file whichever scratch directory compiled it, and a cached binary prints what a new
    /// one would. (`-trimpath` would do it too, but would compile the standard library again
    /// once per Go build cache: seconds on the first query of a session.)
    func query(_ code: String, _ context: RunContext) async -> StepOutcome {
        let overlay = #"{"Replace": {"\#(Self.snippetPath)": "main.go"}}"#
        guard let snippet = context.writeSnippet(code, named: "main.go", companions: ["overlay.json": overlay]) else {
            return .runnerFailure
        }
        let compile = SnippetCompilation(
            context.runtimePath, ["build", "-overlay", "overlay.json", "-o", "main", Self.snippetPath],
            environmentKeys: Self.compilerEnvironmentKeys)
        return await context.runSnippet(snippet, compile: compile, run: Invocation("\(snippet.directory)/main"))
    }

    /// The name the compiler gives the snippet.
    private static let snippetPath = "/snippet/main.go"

    /// What `go build` reads besides the common variables: the target, the toolchain and module
    /// settings (also from the `go env -w` file under `HOME`), and cgo's C compiler and flags.
    private static let compilerEnvironmentKeys = [
        "HOME", "GOENV", "GOFLAGS", "GOOS", "GOARCH", "GOAMD64", "GOARM", "GO386", "GOEXPERIMENT", "GOROOT", "GOPATH",
        "GOTOOLCHAIN", "GO111MODULE", "GOWORK", "CGO_ENABLED", "CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_LDFLAGS", "CC", "CXX",
    ]
}
