extension LanguageSpec {
    /// Julia: query mode keeps its state in IJulia when installed, else in one `julia` running
    /// the built-in session driver (``SessionDriver/julia``); `--stateless-query` runs `julia
    /// snippet.jl` per snippet; `build *` instantiates a `Project.toml`; `exec *` runs
    /// `main.jl`. `--project=@.` makes a project in the work dir (searched upwards from it)
    /// active when there is one, and is the default environment otherwise.
    public static let julia = LanguageSpec(
        name: "julia",
        defaultRuntimePath: "julia",
        query: Query(fileName: "snippet.jl", run: ["{runtime}", "--project=@.", "{file}"]),
        build: [
            Rule(ifExists: "Project.toml", run: ["{runtime}", "--project=@.", "-e", "using Pkg; Pkg.instantiate()"]),
            Rule(run: []),
        ],
        exec: [Rule(ifExists: "main.jl", run: ["{runtime}", "--project=@.", "main.jl"])],
        keywords: [
            "abstract", "baremodule", "begin", "break", "catch", "const", "continue", "do", "else",
            "elseif", "end", "export", "false", "finally", "for", "function", "global", "if", "import",
            "let", "local", "macro", "module", "mutable", "nothing", "quote", "return", "struct", "true",
            "try", "using", "while", "println", "print", "push!", "length", "collect", "map", "filter",
            "readline", "parse", "string", "typeof", "Int", "Float64", "String", "Vector", "Dict",
        ],
        pathPrefixes: ["/opt/julia/bin", "/usr/local/julia/bin"],
        jupyterKernel: "julia",
        session: "julia"
    )
}
