public import KernelProtocol

/// The service-port room: `start-service`, `shutdown-service`, `get-apps`,
/// `start-model-service`.
public protocol ServiceController: Sendable {
    /// Starts (or finds running) the named service and tells how it went.
    func start(_ request: ServiceRequest) async -> ServiceResult
    /// Stops a running service; unknown names are ignored.
    func shutdown(_ name: String) async
    /// The service definitions, optionally only the named one.
    func apps(named name: String) -> [AppInfo]
    /// Starts a model server and reports its result and health changes through `send`.
    func startModel(_ request: ModelServiceRequest, send: @escaping @Sendable (OutboundMessage) -> Void) async
    /// Stops every service, at daemon shutdown.
    func shutdownAll() async
}
