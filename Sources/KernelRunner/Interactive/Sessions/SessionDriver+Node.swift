extension SessionDriver {
    /// Node.js: each cell is a script of the main context, as the REPL runs a line; the REPL's
    /// internal rewriting of top-level `await` needs `--expose-internals`.
    package static let node = SessionDriver(
        key: "node",
        name: "the Node.js session",
        script: embedded(PackageResources.kernel_runner_session_js),
        scriptName: "kernel_runner_session.js",
        arguments: ["--expose-internals", "{driver}", "{channel}"],
        cellExtension: "js",
        // `process.stdout` writes to a pipe at once (synchronously on Linux), prompts included.
        standardIO: .terminalInput
    )
}
