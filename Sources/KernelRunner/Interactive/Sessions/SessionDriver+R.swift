extension SessionDriver {
    /// R: one `Rscript` evaluating each cell in the global environment, printing visible values
    /// as R's prompt does; an interrupt is a condition R catches, so the state survives it.
    package static let r = SessionDriver(
        key: "r",
        name: "the R session",
        script: embedded(PackageResources.kernel_runner_session_R),
        scriptName: "kernel_runner_session.R",
        arguments: ["{driver}", "{channel}"],
        cellExtension: "R"
    )
}
