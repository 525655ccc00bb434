public import KernelRunnerCore

extension BaseRunner {
    public var jupyterKernelName: String? { nil }

    /// A Jupyter-backed session when ``jupyterKernelName`` names an installed kernelspec, else
    /// none (query mode stays with ``query(_:_:)``).
    public func makeQuerySession(_ settings: QuerySessionSettings) -> (any QuerySession)? {
        jupyterLauncher(settings).map { PersistentSession(launchers: [$0], logger: settings.logger) }
    }

    /// Starts the first installed kernelspec whose name contains ``jupyterKernelName``, or nil
    /// when Jupyter is off or no such kernelspec exists.
    package func jupyterLauncher(_ settings: QuerySessionSettings) -> PersistentSession.Launcher? {
        guard settings.usesJupyter, let fragment = jupyterKernelName else { return nil }
        let directories = KernelSpec.dataDirectories(environment: settings.environment, runtimePath: settings.runtimePath)
        let spec: KernelSpec
        do {
            guard let found = try KernelSpec.find(containing: fragment, in: directories) else {
                settings.logger.info("no Jupyter kernelspec matching \"\(fragment)\" in \(directories.joined(separator: ", "))")
                return nil
            }
            spec = found
        } catch {
            settings.logger.warning("ignoring a Jupyter kernelspec: \(error)")
            return nil
        }
        settings.logger.info("found the Jupyter kernelspec \(spec.name) in \(spec.directory)")
        return { () async throws(InteractiveError) -> any InterpreterBackend in
            try await JupyterKernel.launch(spec, settings)
        }
    }
}
