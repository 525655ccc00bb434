extension SessionDriver {
    /// PHP: each cell is `eval`ed at the top level of one process; variables, functions and
    /// classes carry over.
    package static let php = SessionDriver(
        key: "php",
        name: "the PHP session",
        script: embedded(PackageResources.kernel_runner_session_php),
        scriptName: "kernel_runner_session.php",
        arguments: ["{driver}", "{channel}"],
        cellExtension: "php",
        // The CLI writes `echo` output at once (implicit flush, no output buffering).
        standardIO: .terminalInput
    )
}
