import KernelRunner

/// Perl: query mode runs the snippet, `build *` checks `main.pl` (`perl -c`), `exec *` runs it.
/// Runs get a terminal as stdin and stdout (the default), so a prompt printed without a newline
/// shows before the program waits for input, and `waiting-input` works as for any language.
struct PerlRunner: BaseRunner {
    var logPrefix: String { "perl-kernel" }

    var completionKeywords: [String] {
        [
            "my", "our", "local", "sub", "print", "printf", "say", "chomp", "split", "join", "push", "pop",
            "shift", "unshift", "keys", "values", "foreach", "while", "unless", "return", "use", "strict", "warnings",
        ]
    }

    func build(_ context: RunContext) async -> StepOutcome {
        guard context.fileExists("main.pl") else {
            context.diagnostic("cannot find \"main.pl\"")
            return .notFound
        }
        return await context.run(context.runtimePath, ["-c", "main.pl"])
    }

    func execute(_ context: RunContext) async -> StepOutcome {
        guard context.fileExists("main.pl") else {
            context.diagnostic("cannot find \"main.pl\"")
            return .notFound
        }
        return await context.run(context.runtimePath, ["main.pl"])
    }

    func query(_ code: String, _ context: RunContext) async -> StepOutcome {
        guard let snippet = context.writeSnippet(code, named: "snippet.pl") else { return .runnerFailure }
        return await context.runSnippet(run: Invocation(context.runtimePath, [snippet.path]))
    }
}
