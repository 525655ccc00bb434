extension LanguageSpec {
    /// Installed before the program loads. An unhandled error is reported on stderr and ends
    /// the run with exit code 14 (what MIT Scheme uses at end of input after an error);
    /// without it the error goes to the console (stdout) and MIT Scheme sits at the `2 error>`
    /// prompt waiting for the user to type a restart. An interrupt (SIGINT) ends the run with
    /// exit code 1; without it MIT Scheme prints ";Quit!", goes on with the next `--eval`, and
    /// the interrupted run ends with 0. (Codes above 23 do not reach `exit(3)` unchanged.)
    static let schemeHooks = """
        (begin \
        (set! standard-error-hook \
        (lambda (condition) \
        (let ((port (open-output-file "/dev/stderr" #t))) \
        (write-string (condition/report-string condition) port) (newline port) (close-port port)) \
        (exit 14))) \
        (set! cmdl-interrupt/abort-top-level (lambda () (%exit 1))))
        """

    /// MIT Scheme: query mode keeps its state in one REPL (``SessionDriver/scheme``);
    /// `--stateless-query` loads each snippet in a new one (the original fed it to the REPL as
    /// stdin, so programs could not read input, and errors left the REPL waiting). `exec *` runs
    /// `main.scm`.
    public static let scheme = LanguageSpec(
        name: "scheme",
        defaultRuntimePath: "mit-scheme",
        query: Query(fileName: "snippet.scm", run: schemeCommand(loading: "{file}")),
        exec: [Rule(ifExists: "main.scm", run: schemeCommand(loading: "main.scm"))],
        keywords: [
            "define", "lambda", "let", "let*", "letrec", "if", "cond", "case", "else", "and", "or", "begin",
            "do", "quote", "quasiquote", "set!", "car", "cdr", "cons", "list", "append", "map", "for-each",
            "apply", "display", "newline", "write", "null?", "pair?", "eq?", "eqv?", "equal?", "length",
            "reverse", "vector", "string-append", "number->string", "read-line", "exit",
        ],
        session: "scheme"
    )

    private static func schemeCommand(loading file: String) -> [String] {
        ["{runtime}", "--quiet", "--eval", schemeHooks, "--load", file, "--eval", "(exit)"]
    }
}
