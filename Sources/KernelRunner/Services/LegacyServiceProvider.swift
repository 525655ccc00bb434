public import KernelRunnerCore

/// Implemented by a ``BaseRunner`` that has its own table of services for images without
/// definition files (the original runners' `start_service` method). Consulted after the
/// definition files, before "unsupported service".
public protocol LegacyServiceProvider: Sendable {
    /// The definition of a service the runner knows by name, or nil.
    ///
    /// The definition's templates see `runtime_path` and `ports`, like a definition file's.
    func legacyService(named name: String, configuration: RunnerConfiguration) -> ServiceDefinition?
}
