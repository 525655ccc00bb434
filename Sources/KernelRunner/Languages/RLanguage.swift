extension LanguageSpec {
    /// R: `Rscript snippet.R`, or IRkernel when installed; `exec *` runs `main.R`.
    public static let r = LanguageSpec(
        name: "r",
        defaultRuntimePath: "Rscript",
        query: Query(fileName: "snippet.R", run: ["{runtime}", "{file}"]),
        exec: [Rule(ifExists: "main.R", run: ["{runtime}", "main.R"])],
        keywords: ["if", "else", "repeat", "while", "function", "for", "in", "next", "break", "TRUE", "FALSE",
                   "NULL", "Inf", "NaN", "NA", "library", "require", "print", "cat", "paste", "paste0", "c",
                   "list", "vector", "matrix", "data.frame", "length", "seq", "rep", "sum", "mean", "median",
                   "sapply", "lapply", "apply", "return", "stop", "warning", "tryCatch", "source", "readline"],
        jupyterKernel: "ir"
    )
}
