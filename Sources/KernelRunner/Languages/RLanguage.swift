extension LanguageSpec {
    /// R: query mode keeps its state in IRkernel when installed, else in one `Rscript` running
    /// the built-in session driver (``SessionDriver/r``); `--stateless-query` runs `Rscript
    /// snippet.R` per snippet. `exec *` runs `main.R`.
    public static let r = LanguageSpec(
        name: "r",
        defaultRuntimePath: "Rscript",
        query: Query(fileName: "snippet.R", run: ["{runtime}", "{file}"]),
        exec: [Rule(ifExists: "main.R", run: ["{runtime}", "main.R"])],
        keywords: [
            "if", "else", "repeat", "while", "function", "for", "in", "next", "break", "TRUE", "FALSE",
            "NULL", "Inf", "NaN", "NA", "library", "require", "print", "cat", "paste", "paste0", "c",
            "list", "vector", "matrix", "data.frame", "length", "seq", "rep", "sum", "mean", "median",
            "sapply", "lapply", "apply", "return", "stop", "warning", "tryCatch", "source", "readline",
        ],
        jupyterKernel: "ir",
        session: "r"
    )
}
