extension LanguageSpec {
    /// Octave: query mode keeps its state in one `octave-cli` (``SessionDriver/octave``);
    /// `--stateless-query` runs `octave-cli snippet.m` per snippet. `exec *` checks for and runs
    /// `main.m` (the original checked for `main.js`).
    ///
    /// The `1; ` prelude keeps a snippet that starts with `function` a script rather than a
    /// function file, on the same line so error line numbers stay right. The scratch directory
    /// is put on the load path because Octave reports a script's parse error only as "error
    /// sourcing file" when the script is outside the load path. `--no-history`: with a terminal,
    /// Octave 7 saves its history at exit and, in a home without `~/.local/share`, prints
    /// "error: ignoring const execution_exception& while preparing to exit" on every run.
    public static let octave = LanguageSpec(
        name: "octave",
        defaultRuntimePath: "octave-cli",
        query: Query(fileName: "snippet.m", prelude: "1; ", run: ["{runtime}", "--no-history", "--path", "{scratch}", "{file}"]),
        exec: [Rule(ifExists: "main.m", run: ["{runtime}", "--no-history", "main.m"])],
        keywords: [
            "break", "case", "catch", "continue", "do", "else", "elseif", "end", "end_try_catch",
            "endfor", "endfunction", "endif", "endwhile", "for", "function", "global", "if", "otherwise",
            "persistent", "return", "switch", "try", "until", "while", "disp", "printf", "fprintf",
            "sprintf", "zeros", "ones", "eye", "size", "numel", "length", "linspace", "plot", "input",
            "error", "num2str", "sum", "max", "min", "abs", "sqrt",
        ],
        session: "octave"
    )
}
