/// The payload of `start-model-service`.
public struct ModelServiceRequest: Sendable, Equatable, Codable {
    /// How to check that the model server is healthy.
    public struct HealthCheck: Sendable, Equatable, Codable {
        public var enable: Bool?
        public var path: String?
        public var expectedStatusCode: Int?
        public var interval: Double?
        public var maxRetries: Int?
        public var maxWaitTime: Double?

        enum CodingKeys: String, CodingKey {
            case enable, path, interval
            case expectedStatusCode = "expected_status_code"
            case maxRetries = "max_retries"
            case maxWaitTime = "max_wait_time"
        }

        public init(
            enable: Bool? = true, path: String? = "/", expectedStatusCode: Int? = 200, interval: Double? = 10, maxRetries: Int? = 10,
            maxWaitTime: Double? = 15
        ) {
            self.enable = enable
            self.path = path
            self.expectedStatusCode = expectedStatusCode
            self.interval = interval
            self.maxRetries = maxRetries
            self.maxWaitTime = maxWaitTime
        }
    }

    /// How to start the model server.
    public struct Service: Sendable, Equatable, Codable {
        public var startCommand: ServiceCommand
        public var shell: String?
        public var preStartActions: [JSONValue]?
        public var port: Int
        public var healthCheck: HealthCheck?

        enum CodingKeys: String, CodingKey {
            case shell, port
            case startCommand = "start_command"
            case preStartActions = "pre_start_actions"
            case healthCheck = "health_check"
        }

        public init(
            startCommand: ServiceCommand, shell: String? = nil, preStartActions: [JSONValue]? = nil, port: Int,
            healthCheck: HealthCheck? = nil
        ) {
            self.startCommand = startCommand
            self.shell = shell
            self.preStartActions = preStartActions
            self.port = port
            self.healthCheck = healthCheck
        }
    }

    public var name: String
    public var modelPath: String
    public var service: Service

    enum CodingKeys: String, CodingKey {
        case name, service
        case modelPath = "model_path"
    }

    public init(name: String, modelPath: String, service: Service) {
        self.name = name
        self.modelPath = modelPath
        self.service = service
    }
}

/// A command given either as one shell string or as an argument vector.
public enum ServiceCommand: Sendable, Equatable, Codable {
    case shell(String)
    case argv([String])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .shell(text)
        } else {
            self = .argv(try container.decode([String].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .shell(let text): try container.encode(text)
        case .argv(let argv): try container.encode(argv)
        }
    }
}
