/// The query-mode shape almost every language shares: write the snippet into a private scratch
/// directory, optionally compile it, run it.
extension RunContext {
    /// Where a snippet was written.
    struct Snippet: Sendable {
        /// The scratch directory (removed when the task ends); compilers put artefacts here.
        var directory: String
        /// The snippet file inside it.
        var path: String
    }

    /// Writes `source` as `fileName` into a new scratch directory. On failure it tells the user
    /// why and returns `nil`; the caller then answers -1, like any internal error.
    func writeSnippet(_ source: String, named fileName: String) -> Snippet? {
        do {
            let directory = try makeScratchDirectory()
            let path = "\(directory)/\(fileName)"
            try write(source, to: path)
            return Snippet(directory: directory, path: path)
        } catch {
            diagnostic("\(error)")
            return nil
        }
    }

    /// Compiles (when there is a compile step) and runs a snippet.
    ///
    /// The compiler gets pipes, so it never waits for input and its diagnostics stay on stderr;
    /// the program gets the language's interactive stdio. A failed compile is the answer: its exit
    /// code is returned and nothing runs (the original ran `compile && run` in one shell line).
    func runSnippet(compile: Invocation? = nil, run program: Invocation) async -> Int {
        if let compile {
            let compiled = await run(compile, standardIO: .pipes)
            guard compiled == 0 else { return compiled }
        }
        return await run(program)
    }
}
