extension SessionDriver {
    /// MIT Scheme: one REPL loading each cell into its environment; an interrupt ends the cell
    /// through the REPL's abort hook, so the state survives it.
    package static let scheme = SessionDriver(
        key: "scheme",
        name: "the MIT Scheme session",
        script: embedded(PackageResources.kernel_runner_session_scm),
        scriptName: "kernel_runner_session.scm",
        arguments: ["--quiet", "--load", "{driver}"],
        cellExtension: "scm"
    )
}
