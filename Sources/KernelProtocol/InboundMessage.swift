/// A request from the agent, decoded from a ``WireMessage``.
///
/// `clean`, `build`, `exec` and `code` are queued and run one at a time; the rest are answered
/// inline (see `backend-ai-protocol.md` §3).
public enum InboundMessage: Sendable, Equatable {
    /// Run the clean step: a shell command, `""` to skip, `*` for the language heuristic.
    case clean(String)
    /// Run the build step: a shell command, `""` to skip, `*` for the language heuristic.
    case build(String)
    /// Run the exec step: a shell command, `""` to skip, `*` for the language heuristic.
    case exec(String)
    /// Run a snippet in query mode.
    case code(String)
    /// Text typed by the user for the program waiting for input.
    case input(String)
    /// Ask for completions of a code fragment.
    case complete(CompletionRequest)
    /// Interrupt the run in progress, if any.
    case interrupt
    /// Liveness probe; answered with `status`.
    case status
    /// A notification from the agent (e.g. an OOM kill).
    case event(AgentEvent)
    /// Start a service port (`service-result` reply).
    case startService(ServiceRequest)
    /// Stop a running service by name (no reply).
    case shutdownService(String)
    /// List the service definitions (`apps-result` reply); empty name means all.
    case getApps(String)
    /// Start a model-serving process (`model-service-result` reply).
    case startModelService(ModelServiceRequest)

    /// The ops this runner understands, in the order of the spec's table.
    public static let knownOps: [Op] = [
        .clean, .build, .exec, .code, .input, .complete, .interrupt, .status, .event,
        .startService, .shutdownService, .getApps, .startModelService,
    ]

    /// The op that carries this request.
    public var op: Op {
        switch self {
        case .clean: .clean
        case .build: .build
        case .exec: .exec
        case .code: .code
        case .input: .input
        case .complete: .complete
        case .interrupt: .interrupt
        case .status: .status
        case .event: .event
        case .startService: .startService
        case .shutdownService: .shutdownService
        case .getApps: .getApps
        case .startModelService: .startModelService
        }
    }

    /// True for the ops that go through the FIFO task queue.
    public var isQueued: Bool {
        switch self {
        case .clean, .build, .exec, .code: true
        default: false
        }
    }
}
