import ProcessSupervision

/// A cache entry: what a successful compile of a snippet left. A hit replays the compiler's
/// output (its warnings) and recreates its files, so the run that follows sees what it would
/// have seen after compiling.
struct CompiledSnippet: Sendable, Equatable {
    /// What the compiler printed, in order.
    var output: [ProcessOutput]
    /// The files and directories the compiler added to the scratch directory.
    var files: [SnippetFile]

    init(output: [ProcessOutput], files: [SnippetFile]) {
        self.output = output
        self.files = files
    }

    /// How many bytes of output a hit replays.
    var outputBytes: Int {
        output.reduce(0) { total, chunk in
            switch chunk {
            case .stdout(let bytes), .stderr(let bytes): total + bytes.count
            }
        }
    }
}
