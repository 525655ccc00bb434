import Foundation
import ProcessSupervision

/// Rust: Cargo projects in release mode, else `rustc` on `main.rs`.
struct RustRunner: BaseRunner {
    var logPrefix: String { "rust-kernel" }

    /// `stdout` is line-buffered whatever it is connected to: a prompt needs a flush anyway.
    var interactiveStandardIO: StandardIO { .terminalInput }

    var completionKeywords: [String] {
        ["as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false",
         "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
         "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while",
         "println", "print", "eprintln", "format", "vec", "panic", "assert", "assert_eq", "Vec", "String",
         "Option", "Some", "None", "Result", "Ok", "Err", "Box", "HashMap", "i32", "i64", "u8", "usize", "f64"]
    }

    /// Editions change syntax; snippets and single files get the current default of `cargo new`.
    private static let edition = "--edition=2021"

    func prepareEnvironment(_ environment: inout ChildEnvironment) {
        // Where the official rust images and rustup put cargo.
        let candidates = ["/usr/local/cargo/bin", (environment["HOME"] ?? "") + "/.cargo/bin"]
        environment.promoteToPathFront(candidates.filter { FileManager.default.fileExists(atPath: $0) })
    }

    /// Release builds: users' programs run (and get timed) with optimisations; `exec *` runs
    /// the same profile.
    func build(_ context: RunContext) async -> Int {
        if context.fileExists("Cargo.toml") {
            return await context.run(context.companionTool("cargo"), ["build", "--release"])
        }
        if context.fileExists("main.rs") {
            return await context.run(context.runtimePath, [Self.edition, "-O", "-o", "main", "main.rs"])
        }
        context.diagnostic("cannot find \"Cargo.toml\" or \"main.rs\"")
        return 127
    }

    /// The binary the manifest names (deterministic, unlike the original's first executable
    /// found in `target/debug`), else `./main` from `rustc`.
    func execute(_ context: RunContext) async -> Int {
        if context.fileExists("Cargo.toml") {
            return await runCargoBinary(context)
        }
        guard context.isExecutableFile("main") else {
            context.diagnostic("cannot find \"Cargo.toml\" or the executable \"main\"; build it with build \"*\" first")
            return 127
        }
        return await context.run(context.resolve("main"))
    }

    func query(_ code: String, _ context: RunContext) async -> Int {
        guard let snippet = context.writeSnippet(code, named: "main.rs") else { return -1 }
        let binary = "\(snippet.directory)/main"
        return await context.runSnippet(
            compile: Invocation(context.runtimePath, [Self.edition, "-o", binary, snippet.path], in: snippet.directory),
            run: Invocation(binary)
        )
    }

    private func runCargoBinary(_ context: RunContext) async -> Int {
        let manifest = CargoManifest(parsing: context.readText("Cargo.toml") ?? "")
        guard let name = manifest.binaryName else {
            let reason = manifest.isWorkspace ? "is a workspace; send a command such as \"cargo run -p NAME\"" : "names no package or binary"
            context.diagnostic("Cargo.toml \(reason)")
            return 127
        }
        let targetDirectory = context.environment["CARGO_TARGET_DIR"] ?? "target"
        let binary = "\(targetDirectory)/release/\(name)"
        guard context.isExecutableFile(binary) else {
            context.diagnostic("cannot find the executable \"\(binary)\"; build it with build \"*\" first")
            return 127
        }
        return await context.run(context.resolve(binary))
    }
}
