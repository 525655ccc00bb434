public import KernelProtocol
public import Logging

/// Starts and stops the container's service ports.
public final class ServiceManager: ServiceController {
    private let logger: Logger

    public init(configuration: RunnerConfiguration, environment: ChildEnvironment, logger: Logger) {
        self.logger = logger
    }

    public func start(_ request: ServiceRequest) async -> ServiceResult {
        if request.protocol == "preopen" { return .started }
        return .failed("unsupported service: \(request.name)")
    }

    public func shutdown(_ name: String) async {
        logger.info("shutdown-service \(name): not running")
    }

    public func apps(named name: String) -> [AppInfo] {
        []
    }

    public func startModel(_ request: ModelServiceRequest, send: @escaping @Sendable (OutboundMessage) -> Void) async {
        send(.modelServiceResult(.failed("service failed to start")))
    }

    public func shutdownAll() async {}
}
