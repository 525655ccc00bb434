package import KernelRunnerCore

extension PersistentSession {
    /// Python's session: the Jupyter kernel `jupyter` starts when there is one (falling back if
    /// it cannot start), else the built-in driver; either way, state persists between runs.
    package static func python(_ settings: QuerySessionSettings, jupyter: Launcher?) -> PersistentSession {
        let driver: Launcher = { () async throws(InteractiveError) -> any InterpreterBackend in
            try await PythonDriver.launch(settings)
        }
        return PersistentSession(launchers: [jupyter, driver].compactMap(\.self), logger: settings.logger)
    }
}
