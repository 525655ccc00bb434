import SystemSupport

/// The query-mode shape almost every language shares: write the snippet into a private scratch
/// directory, optionally compile it, run it.
extension RunContext {
    /// Where a snippet was written.
    public struct Snippet: Sendable {
        /// The scratch directory (removed when the task ends); compilers put artefacts here.
        public var directory: String
        /// The snippet file inside it.
        public var path: String
    }

    /// Writes `source` as `fileName` into a new scratch directory, and `companions` (name →
    /// text) beside it. On failure it tells the user why and returns `nil`; the caller then
    /// answers ``StepOutcome/runnerFailure``, like any internal error.
    public func writeSnippet(_ source: String, named fileName: String, companions: [String: String] = [:]) -> Snippet? {
        do {
            let directory = try makeScratchDirectory()
            let path = "\(directory)/\(fileName)"
            try write(source, to: path)
            for (name, text) in companions {
                try write(text, to: "\(directory)/\(name)")
            }
            return Snippet(directory: directory, path: path)
        } catch {
            diagnostic("\(error)")
            return nil
        }
    }

    /// Compiles (when there is a compile step) and runs a snippet.
    ///
    /// The compiler gets pipes, so it never waits for input and its diagnostics stay on stderr;
    /// the program gets the language's interactive stdio. A failed compile is the answer: its
    /// outcome is returned and nothing runs (the original ran `compile && run` in one shell line).
    public func runSnippet(compile: Invocation? = nil, run program: Invocation) async -> StepOutcome {
        if let compile {
            let compiled = await run(compile, standardIO: .pipes)
            guard compiled.isSuccess else { return compiled }
        }
        return await run(program)
    }

    /// Compiles the snippet in its scratch directory, or takes the compiler's result from the
    /// compile cache, then runs the program.
    ///
    /// A hit replays what the compiler printed and recreates the files it made, so the program
    /// runs exactly as after compiling: the same paths, stdio, limits, sandbox, input and
    /// interrupts; only the compiler's time is saved. A hit is not used when its replayed output
    /// would pass the output limit (the compiler then runs and meets the limit as before). A
    /// compile is kept only when it succeeded on its own: not a failed one (it may have failed
    /// for a passing reason, such as an interrupt, a limit or a full disk, and costs little
    /// time), nor one that was stopped, had a call refused by the sandbox or printed more than
    /// ``OutputRecorder/byteLimit``. Kept while the program runs; the task ends when both are done.
    public func runSnippet(_ snippet: Snippet, compile: SnippetCompilation, run program: Invocation) async -> StepOutcome {
        let compiler = Invocation(compile.executable, compile.arguments, environment: compile.environment, in: snippet.directory)
        guard let compileCache, compile.isCacheable else {
            return await runSnippet(compile: compiler, run: program)
        }
        let environment = environment.merging(compile.environment) { $1 }
        let found = await OSThread.perform(name: "kr-compile-cache") {
            compileCache.lookUp(compile, in: snippet.directory, environment: environment)
        }
        guard let (key, inputs, entry) = found else {
            return await runSnippet(compile: compiler, run: program)
        }
        if let entry, hasOutputRoom(for: entry.outputBytes),
            await OSThread.perform(name: "kr-compile-cache", { (try? SnippetFile.create(entry.files, in: snippet.directory)) != nil })
        {
            replay(entry.output)
            return await run(program)
        }
        let recorder = OutputRecorder()
        let refusedBefore = denials.summary.count
        let compiled = await run(compiler, standardIO: .pipes, recordingInto: recorder)
        guard compiled.isSuccess else { return compiled }
        guard !isInterrupted, denials.summary.count == refusedBefore, let output = recorder.output else { return await run(program) }
        // Read before the program runs: it may change or remove its own files.
        let kept = await OSThread.perform(name: "kr-compile-cache") {
            compileCache.snapshot(of: snippet.directory, inputs: inputs, output: output, isOwnOutput: compile.isOwnOutput)
        }
        async let stored: Void = OSThread.perform(name: "kr-compile-cache") {
            if let kept { compileCache.store(kept, for: key) }
        }
        let outcome = await run(program)
        await stored
        return outcome
    }
}
