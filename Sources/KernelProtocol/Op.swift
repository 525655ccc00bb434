/// The name of an operation: the first frame of every message, in both directions.
///
/// The raw value is the name on the wire (see `backend-ai-protocol.md` §3). `status` names
/// both the agent's liveness probe and the runner's reply.
public enum Op: String, Sendable, CaseIterable {
    // Agent → runner.

    /// Run the clean step of a batch.
    case clean
    /// Run the build step of a batch.
    case build
    /// Run the exec step of a batch.
    case exec
    /// Run a snippet in query mode.
    case code
    /// Text typed by the user for the program waiting for input.
    case input
    /// Ask for completions of a code fragment.
    case complete
    /// Interrupt the run in progress.
    case interrupt
    /// The liveness probe, and its reply (msgpack `{"started_at": <float>}`).
    case status
    /// A notification from the agent (e.g. an OOM kill).
    case event
    /// Start a service port.
    case startService = "start-service"
    /// Stop a running service.
    case shutdownService = "shutdown-service"
    /// List the service definitions.
    case getApps = "get-apps"
    /// Start a model-serving process.
    case startModelService = "start-model-service"

    // Runner → agent.

    /// Bytes the program wrote to stdout.
    case stdout
    /// Bytes the program wrote to stderr.
    case stderr
    /// A rich display item.
    case media
    /// The program asks for input.
    case waitingInput = "waiting-input"
    /// End of an `exec` or `code` task.
    case finished
    /// End of a `build` task.
    case buildFinished = "build-finished"
    /// End of a `clean` task.
    case cleanFinished = "clean-finished"
    /// Reply to `complete`.
    case completion
    /// Reply to `start-service`.
    case serviceResult = "service-result"
    /// Reply to `get-apps`.
    case appsResult = "apps-result"
    /// Reply to `start-model-service`.
    case modelServiceResult = "model-service-result"
    /// A model server's health changed.
    case modelServiceStatus = "model-service-status"
}

extension Op: CustomStringConvertible {
    /// The name on the wire, so logs and test failures read as the protocol does.
    public var description: String { rawValue }
}
