import Glibc
public import KernelProtocol
public import KernelRunnerCore
public import Logging
import Synchronization
import SystemSupport

/// Starts and stops the container's service ports (spec §15): intrinsic sshd/ttyd, the
/// image's service definitions, model servers and the runner's legacy services.
///
/// One lock serialises starts and `shutdown-service`, as in the original; ``shutdownAll()``
/// does not wait for it, so a start stuck waiting for its port cannot delay the daemon's exit.
public final class ServiceManager: ServiceController {
    let configuration: RunnerConfiguration
    let settings: ServiceSettings
    let catalog: ServiceDefinitionCatalog
    let legacyServices: (any LegacyServiceProvider)?
    /// The container's environment as services get it.
    let environment: [String: String]
    let logger: Logger
    let lock = AsyncLock()
    let state = Mutex(State())

    struct State {
        var running: [String: RunningService] = [:]
        /// Definitions registered by `start-model-service`, by `<name>-<port>`.
        var modelDefinitions: [String: ServiceDefinition] = [:]
        var healthChecks: [String: Task<Void, Never>] = [:]
        var isStopping = false
    }

    /// A manager with the container defaults and no legacy services.
    public convenience init(configuration: RunnerConfiguration, environment: ChildEnvironment, logger: Logger) {
        self.init(configuration: configuration, environment: environment, settings: ServiceSettings(), legacyServices: nil, logger: logger)
    }

    /// Creates a manager and reads the definition files of
    /// ``RunnerConfiguration/serviceDefinitionsDirectory``.
    ///
    /// - Parameter legacyServices: the runner, when it has a table of its own.
    public init(
        configuration: RunnerConfiguration,
        environment: ChildEnvironment,
        settings: ServiceSettings,
        legacyServices: (any LegacyServiceProvider)?,
        logger: Logger
    ) {
        self.configuration = configuration
        self.settings = settings
        self.legacyServices = legacyServices
        self.logger = logger
        catalog = ServiceDefinitionCatalog(directory: configuration.serviceDefinitionsDirectory)
        for problem in catalog.problems {
            logger.warning("\(problem)")
        }
        var variables = environment.variables
        // Service apps bring their own Python; the krunner's libraries must not shadow theirs.
        if let path = variables["LD_LIBRARY_PATH"] {
            variables["LD_LIBRARY_PATH"] = path.replacing("/opt/backend.ai/lib:", with: "")
        }
        self.environment = variables
    }

    public func start(_ request: ServiceRequest) async -> ServiceResult {
        let result = await lock.withLock { await startLocked(request) }
        if case .failed(let error) = result {
            logger.warning("service \(request.name) failed to start: \(error)")
        }
        return result
    }

    public func shutdown(_ name: String) async {
        await lock.withLock {
            let (service, healthCheck) = state.withLock { state in
                (state.running[name], state.healthChecks.removeValue(forKey: name))
            }
            healthCheck?.cancel()
            guard let service else {
                logger.info("shutdown-service \(name): not running")
                return
            }
            await service.terminate(grace: settings.terminationGrace)
            unregister(service)
            logger.info("service \(name) stopped")
        }
    }

    public func apps(named name: String) -> [AppInfo] {
        catalog.apps(named: name)
    }

    public func startModel(_ request: ModelServiceRequest, send: @escaping @Sendable (OutboundMessage) -> Void) async {
        let name = "\(request.name)-\(request.service.port)"
        let result = await lock.withLock { await startModelLocked(request, name: name) }
        guard result == .started || result == .running else {
            logger.warning("model service \(name) did not start: \(result)")
            send(.modelServiceResult(.failed("service failed to start")))
            return
        }
        // `running` for a model already up, as the original answers.
        send(.modelServiceResult(result))
        guard let healthCheck = ModelHealthCheck(request) else {
            send(.modelServiceStatus(modelName: request.name, isHealthy: true))
            return
        }
        let modelName = request.name
        let task = Task {
            await healthCheck.run { healthy in send(.modelServiceStatus(modelName: modelName, isHealthy: healthy)) }
        }
        // One check per model: a running model's check goes on (the original started another).
        let started = state.withLock { state in
            guard !state.isStopping, state.healthChecks[name] == nil else { return false }
            state.healthChecks[name] = task
            return true
        }
        if !started { task.cancel() }
    }

    public func shutdownAll() async {
        let (services, healthChecks) = state.withLock { state in
            state.isStopping = true
            defer { state.healthChecks = [:] }
            return (Array(state.running.values), Array(state.healthChecks.values))
        }
        for healthCheck in healthChecks {
            healthCheck.cancel()
        }
        let grace = settings.terminationGrace
        await withTaskGroup(of: Void.self) { group in
            for service in services {
                group.addTask { await service.terminate(grace: grace) }
            }
        }
        if !services.isEmpty {
            logger.info("stopped \(services.count) service(s)")
        }
    }
}
