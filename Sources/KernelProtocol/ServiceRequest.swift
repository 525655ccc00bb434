/// The payload of `start-service`.
public struct ServiceRequest: Sendable, Equatable, Codable {
    /// User overrides for a service definition's arguments and environment.
    public struct Options: Sendable, Equatable, Codable {
        public var arguments: [String: JSONValue]?
        public var envs: [String: JSONValue]?

        public init(arguments: [String: JSONValue]? = nil, envs: [String: JSONValue]? = nil) {
            self.arguments = arguments
            self.envs = envs
        }
    }

    /// The service name, e.g. `jupyter`.
    public var name: String
    /// The first container port of the service.
    public var port: Int?
    /// All container ports of the service.
    public var ports: [Int]?
    /// `http`, `tcp`, `pty`, `preopen`, …
    public var `protocol`: String?
    /// User overrides.
    public var options: Options?

    /// Creates a request.
    public init(name: String, port: Int? = nil, ports: [Int]? = nil, protocol: String? = nil, options: Options? = nil) {
        self.name = name
        self.port = port
        self.ports = ports
        self.protocol = `protocol`
        self.options = options
    }

    /// The ports to use: `ports` when given, else `[port]`.
    public var allPorts: [Int] {
        if let ports, !ports.isEmpty { return ports }
        return port.map { [$0] } ?? []
    }
}
