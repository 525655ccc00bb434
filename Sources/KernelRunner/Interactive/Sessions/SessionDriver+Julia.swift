extension SessionDriver {
    /// Julia: one `julia` evaluating each cell in `Main`, showing its value as Julia's prompt
    /// does; an interrupt is an `InterruptException` in the cell, so the state survives it.
    /// `--project=@.` as for one-shot runs.
    package static let julia = SessionDriver(
        key: "julia",
        name: "the Julia session",
        script: embedded(PackageResources.kernel_runner_session_jl),
        scriptName: "kernel_runner_session.jl",
        arguments: ["--project=@.", "{driver}", "{channel}"],
        cellExtension: "jl"
    )
}
