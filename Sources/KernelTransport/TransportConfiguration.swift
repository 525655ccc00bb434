/// Where and how a ``ZMQTransport`` attaches to the two ZeroMQ pipelines.
public struct TransportConfiguration: Sendable {
    /// Which end of the protocol this transport plays.
    public enum Role: Sendable {
        /// The kernel runner: PULL binds `inputPort`, PUSH binds `outputPort`.
        case runner
        /// The agent (or a test client): PUSH connects to `inputPort`, PULL connects to `outputPort`.
        case agent
    }

    /// Which end of the protocol this transport plays.
    public var role: Role
    /// The address to bind (`"*"`, `"127.0.0.1"`) for the runner, or the host to connect to for the agent.
    public var host: String
    /// The agent → runner port; 0 binds an ephemeral port (runner only).
    public var inputPort: Int
    /// The runner → agent port; 0 binds an ephemeral port (runner only).
    public var outputPort: Int
    /// The longest time libzmq may keep unsent data after the sockets close (`ZMQ_LINGER`).
    public var linger: Duration
    /// Above this many queued bytes, ``ZMQTransport/sendWaiting(_:)`` and
    /// ``ZMQTransport/sendBlocking(_:)`` make their callers wait.
    public var outboxByteLimit: Int
    /// libzmq's per-peer outgoing message limit (`ZMQ_SNDHWM`); beyond it messages stay in the outbox.
    public var sendHighWaterMark: Int32

    /// Creates a configuration with a one-second linger, an 8 MiB outbox limit and libzmq's
    /// default high-water mark of 1000 messages.
    public init(role: Role, host: String, inputPort: Int, outputPort: Int) {
        self.role = role
        self.host = host
        self.inputPort = inputPort
        self.outputPort = outputPort
        self.linger = .seconds(1)
        self.outboxByteLimit = 8 << 20
        self.sendHighWaterMark = 1000
    }
}
