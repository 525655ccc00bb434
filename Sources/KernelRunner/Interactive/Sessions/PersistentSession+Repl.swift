package import KernelRunnerCore

extension PersistentSession {
    /// A language's session: the Jupyter kernel `jupyter` starts when there is one (falling back
    /// if it cannot start), else the interpreter running `driver`; either way, state persists
    /// between runs.
    package static func repl(_ driver: SessionDriver, _ settings: QuerySessionSettings, jupyter: Launcher?) -> PersistentSession {
        let repl: Launcher = { () async throws(InteractiveError) -> any InterpreterBackend in
            try await ReplDriver.launch(driver, settings)
        }
        return PersistentSession(launchers: [jupyter, repl].compactMap(\.self), logger: settings.logger)
    }
}
