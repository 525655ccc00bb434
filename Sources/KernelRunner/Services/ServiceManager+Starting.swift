import Glibc
import KernelProtocol

extension ServiceManager {
    /// A service resolved to its definition and how long to wait for its port.
    struct ResolvedService {
        var definition: ServiceDefinition
        var portWait: Duration
    }

    /// The spec §15 order; runs under the service lock.
    func startLocked(_ request: ServiceRequest) async -> ServiceResult {
        if request.protocol == "preopen" { return .started }
        let (isRunning, isStopping) = state.withLock { ($0.running[request.name] != nil, $0.isStopping) }
        if isRunning { return .running }
        if isStopping { return .failed(Self.shuttingDown.message) }
        if request.protocol == "pty" { return .failed("not implemented yet") }
        do throws(ServiceError) {
            let resolved = try await resolve(request.name, ports: request.allPorts)
            if resolved.definition.noop {
                logger.info("service \(request.name) is a no-op; reporting it started")
                return .started
            }
            guard let port = request.allPorts.first else {
                throw ServiceError(.missingPort, "no port given for service: \(request.name)")
            }
            let launch = try await resolved.definition.prepareLaunch(
                service: request.name,
                options: request.options,
                variables: variables(ports: request.allPorts),
                lockedEnvironment: Set(environment.keys),
                prestart: prestartContext(for: request.name)
            )
            let cookie = launch.overridingJupyterCookie(service: request.name, sessionID: environment["BACKENDAI_SESSION_ID"])
            try await self.launch(request.name, cookie, port: port, portWait: resolved.portWait)
            return .started
        } catch {
            return .failed(error.message)
        }
    }

    /// Registers the model's definition as `<name>-<port>` and starts it in the model's folder
    /// without waiting for its port; runs under the service lock.
    func startModelLocked(_ request: ModelServiceRequest, name: String) async -> ServiceResult {
        let (isRunning, isStopping) = state.withLock { ($0.running[name] != nil, $0.isStopping) }
        if isRunning { return .running }
        if isStopping { return .failed(Self.shuttingDown.message) }
        let definition: ServiceDefinition
        do throws(ServiceDefinitionError) {
            definition = try ServiceDefinition(model: request)
        } catch {
            return .failed("invalid model service definition: \(error)")
        }
        state.withLock { $0.modelDefinitions[name] = definition }
        do throws(ServiceError) {
            let launch = try await definition.prepareLaunch(
                service: name,
                options: nil,
                variables: variables(ports: [request.service.port]),
                lockedEnvironment: Set(environment.keys),
                prestart: prestartContext(for: name)
            )
            try await self.launch(name, launch, port: request.service.port, portWait: nil)
            return .started
        } catch {
            return .failed(error.message)
        }
    }

    /// Built-in intrinsic services first, then definition files (and registered model
    /// services), then the runner's legacy table.
    func resolve(_ name: String, ports: [Int]) async throws(ServiceError) -> ResolvedService {
        if let intrinsic = IntrinsicService(rawValue: name) {
            let binary = intrinsic.binary(in: settings)
            guard access(binary, X_OK) == 0 else {
                throw ServiceError(.executableNotFound, "the executable file is not found: \(binary)")
            }
            if intrinsic == .sshd {
                try await DropbearKeys(settings: settings, configuration: configuration, environment: environment, logger: logger).prepare()
            }
            return ResolvedService(
                definition: intrinsic.definition(ports: ports, configuration: configuration, settings: settings),
                portWait: settings.intrinsicLaunchTimeout)
        }
        if let definition = catalog[name] ?? state.withLock({ $0.modelDefinitions[name] }) {
            return ResolvedService(definition: definition, portWait: settings.launchTimeout)
        }
        if let definition = legacyServices?.legacyService(named: name, configuration: configuration) {
            return ResolvedService(definition: definition, portWait: settings.launchTimeout)
        }
        throw ServiceError(.unsupported, "unsupported service: \(name)")
    }

    static var shuttingDown: ServiceError {
        ServiceError(.shuttingDown, "the kernel runner is shutting down")
    }

    private func variables(ports: [Int]) -> [String: JSONValue] {
        [
            "runtime_path": .string(configuration.runtimePath ?? ""),
            "ports": .array(ports.map { .number(Double($0)) }),
        ]
    }

    private func prestartContext(for service: String) -> PrestartContext {
        PrestartContext(
            service: service,
            workingDirectory: configuration.workingDirectory,
            environment: environment,
            commandTimeout: settings.launchTimeout,
            logger: logger
        )
    }
}
