extension LanguageSpec {
    /// `git`, a shell kernel: query mode runs the text as a bash script in the work dir.
    ///
    /// The original only accepted `%` commands over a PTY terminal. Here `build *` runs
    /// `build.sh` when present (else nothing to build) and `exec *` runs `main.sh`; without it,
    /// `exec *` explains that a command should be sent instead and answers
    /// ``StepOutcome/notFound``.
    public static let shell = LanguageSpec(
        name: "git",
        aliases: ["shell"],
        logPrefix: "shell-kernel",
        defaultRuntimePath: "bash",
        query: Query(fileName: "snippet.sh", run: ["{runtime}", "{file}"]),
        build: [Rule(ifExists: "build.sh", run: ["{runtime}", "build.sh"]), Rule(run: [])],
        exec: [Rule(ifExists: "main.sh", run: ["{runtime}", "main.sh"])],
        keywords: [
            "git", "add", "commit", "status", "log", "diff", "branch", "checkout", "switch", "merge",
            "rebase", "push", "pull", "fetch", "clone", "init", "remote", "stash", "tag", "reset", "show",
            "cd", "ls", "pwd", "cat", "echo", "grep", "find", "mkdir", "rm", "mv", "cp", "export", "if",
            "then", "else", "fi", "for", "do", "done", "while", "case", "esac", "function",
        ],
        // Runs have a terminal, so git would start a pager and wait for a key press.
        environment: ["GIT_PAGER": "cat", "PAGER": "cat"],
        session: "bash"
    )
}
