extension SessionDriver {
    /// Octave: one `octave-cli` evaluating each cell in the base workspace. The driver is a
    /// function file on the load path (see the driver for why); `--no-history` as for one-shot
    /// runs (Octave 7 complains at exit in a home without `~/.local/share`).
    package static let octave = SessionDriver(
        key: "octave",
        name: "the Octave session",
        script: embedded(PackageResources.kernel_runner_session_m),
        scriptName: "kernel_runner_session.m",
        arguments: ["--no-history", "--quiet", "--path", "{channel}", "--eval", "kernel_runner_session ('{channel}')"],
        cellExtension: "m",
        // The driver reads requests a character at a time: it finds the cell by its number.
        encodeCell: { cell in "run \(cell.id)\n" }
    )
}
