import Glibc
import KernelRunnerCore
import KernelRunnerInteractive
import ProcessSupervision
import SystemSupport

/// Rust: Cargo projects in release mode, else `rustc` on `main.rs`.
struct RustRunner: BaseRunner {
    var logPrefix: String { "rust-kernel" }

    /// `stdout` is line-buffered whatever it is connected to: a prompt needs a flush anyway.
    var interactiveStandardIO: StandardIO { .terminalInput }

    var completionKeywords: [String] {
        [
            "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false",
            "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
            "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while",
            "println", "print", "eprintln", "format", "vec", "panic", "assert", "assert_eq", "Vec", "String",
            "Option", "Some", "None", "Result", "Ok", "Err", "Box", "HashMap", "i32", "i64", "u8", "usize", "f64",
        ]
    }

    /// Editions change syntax; snippets and single files get the current default of `cargo new`.
    private static let edition = "--edition=2021"

    func prepareEnvironment(_ environment: inout ChildEnvironment) {
        // Where the official rust images and rustup put cargo.
        let candidates = ["/usr/local/cargo/bin", (environment["HOME"] ?? "") + "/.cargo/bin"]
        environment.promoteToPathFront(candidates.filter(FileSystem.exists))
    }

    /// Release builds: users' programs run (and get timed) with optimisations; `exec *` runs
    /// the same profile.
    func build(_ context: RunContext) async -> StepOutcome {
        if context.fileExists("Cargo.toml") {
            return await context.run(context.companionTool("cargo"), ["build", "--release"])
        }
        if context.fileExists("main.rs") {
            return await context.run(context.runtimePath, [Self.edition, "-O", "-o", "main", "main.rs"])
        }
        context.diagnostic("cannot find \"Cargo.toml\" or \"main.rs\"")
        return .notFound
    }

    /// The binary the manifest names (deterministic, unlike the original's first executable
    /// found in `target/debug`), else `./main` from `rustc`.
    func execute(_ context: RunContext) async -> StepOutcome {
        if context.fileExists("Cargo.toml") {
            return await runCargoBinary(context)
        }
        guard context.isExecutableFile("main") else {
            context.diagnostic("cannot find \"Cargo.toml\" or the executable \"main\"; build it with build \"*\" first")
            return .notFound
        }
        return await context.run(context.resolve("main"))
    }

    /// `rustc` on `main.rs` in the scratch directory: a panic names `main.rs`, whichever
    /// directory compiled it.
    func query(_ code: String, _ context: RunContext) async -> StepOutcome {
        guard let snippet = context.writeSnippet(code, named: "main.rs") else { return .runnerFailure }
        let compile = SnippetCompilation(
            context.runtimePath, [Self.edition, "-o", "main", "main.rs"], environmentKeys: Self.compilerEnvironmentKeys,
            isCacheable: !Self.readsBeyondToolchain(code))
        return await context.runSnippet(snippet, compile: compile, run: Invocation("\(snippet.directory)/main"))
    }

    /// What `rustc` reads besides the common variables: the rustup toolchain it runs (through
    /// `HOME` too), and the linker's search path.
    private static let compilerEnvironmentKeys = [
        "HOME", "RUSTUP_HOME", "RUSTUP_TOOLCHAIN", "CARGO_HOME", "RUSTC_BOOTSTRAP", "LIBRARY_PATH",
    ]

    /// Whether the snippet reads at compile time what the cache key leaves out: the environment
    /// (`env!`, `option_env!`) or other files (`include!`, `include_str!`, `include_bytes!`).
    /// Such a snippet is compiled every time.
    static func readsBeyondToolchain(_ code: String) -> Bool {
        ["env!", "include!", "include_str!", "include_bytes!"].contains(where: code.contains)
    }

    private func runCargoBinary(_ context: RunContext) async -> StepOutcome {
        let manifest = CargoManifest(parsing: context.readText("Cargo.toml") ?? "")
        guard let name = manifest.binaryName else {
            let reason =
                manifest.isWorkspace ? "is a workspace; send a command such as \"cargo run -p NAME\"" : "names no package or binary"
            context.diagnostic("Cargo.toml \(reason)")
            return .notFound
        }
        let targetDirectory = context.environment["CARGO_TARGET_DIR"] ?? "target"
        let binary = "\(targetDirectory)/release/\(name)"
        guard context.isExecutableFile(binary) else {
            context.diagnostic("cannot find the executable \"\(binary)\"; build it with build \"*\" first")
            return .notFound
        }
        return await context.run(context.resolve(binary))
    }
}
