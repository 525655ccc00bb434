/// A frame the runner sends to the agent.
public enum OutboundMessage: Sendable, Equatable {
    /// Raw bytes the program wrote to stdout.
    case stdout([UInt8])
    /// Raw bytes the program wrote to stderr.
    case stderr([UInt8])
    /// A rich display item (image, SVG, HTML), always sent as JSON `{"type", "data"}`.
    case media(Media)
    /// The program asks for input.
    case waitingInput(isPassword: Bool)
    /// End of an `exec` or `code` task.
    case finished(RunResult)
    /// End of a `build` task.
    case buildFinished(RunResult)
    /// End of a `clean` task.
    case cleanFinished(RunResult)
    /// Reply to `complete`.
    case completion([String])
    /// Reply to `status`: msgpack `{"started_at": <float>}`.
    case status(startedAt: Double)
    /// Reply to `start-service`.
    case serviceResult(ServiceResult)
    /// Reply to `get-apps`.
    case appsResult([AppInfo])
    /// Reply to `start-model-service`.
    case modelServiceResult(ServiceResult)
    /// A model server's health changed.
    case modelServiceStatus(modelName: String, isHealthy: Bool)

    /// The op that carries this message.
    public var op: Op {
        switch self {
        case .stdout: .stdout
        case .stderr: .stderr
        case .media: .media
        case .waitingInput: .waitingInput
        case .finished: .finished
        case .buildFinished: .buildFinished
        case .cleanFinished: .cleanFinished
        case .completion: .completion
        case .status: .status
        case .serviceResult: .serviceResult
        case .appsResult: .appsResult
        case .modelServiceResult: .modelServiceResult
        case .modelServiceStatus: .modelServiceStatus
        }
    }

    /// The ops that end a queued task.
    public static let terminalOps: Set<Op> = [.finished, .buildFinished, .cleanFinished]

    /// How the task ended, for the messages that end one; nil for the others.
    public var runResult: RunResult? {
        switch self {
        case .finished(let result), .buildFinished(let result), .cleanFinished(let result): result
        default: nil
        }
    }
}

/// A display item: a MIME type and its data (a data URL for binary images, text otherwise).
public struct Media: Sendable, Equatable, Codable {
    public var type: String
    public var data: String

    public init(type: String, data: String) {
        self.type = type
        self.data = data
    }
}

/// The reply to `start-service` and `start-model-service`.
public enum ServiceResult: Sendable, Equatable {
    case started
    case running
    case failed(String)
}

/// One entry of `apps-result`.
public struct AppInfo: Sendable, Equatable, Codable {
    public var name: String
    public var urlTemplate: String?
    public var allowedArguments: [String]?
    public var allowedEnvs: [String]?

    enum CodingKeys: String, CodingKey {
        case name
        case urlTemplate = "url_template"
        case allowedArguments = "allowed_arguments"
        case allowedEnvs = "allowed_envs"
    }

    public init(name: String, urlTemplate: String? = nil, allowedArguments: [String]? = nil, allowedEnvs: [String]? = nil) {
        self.name = name
        self.urlTemplate = urlTemplate
        self.allowedArguments = allowedArguments
        self.allowedEnvs = allowedEnvs
    }
}
