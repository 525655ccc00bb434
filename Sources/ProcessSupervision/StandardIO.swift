/// How a run's standard descriptors are connected.
public enum StandardIO: Sendable, Equatable {
    /// stdin is `/dev/null`; stdout and stderr are pipes. For builds and batch steps.
    case pipes
    /// stdin is a pipe fed by ``SupervisedProcess/writeInput(_:)``; stdout and stderr are pipes.
    case interactivePipes
    /// stdin and stdout are one pseudo-terminal, which is the run's controlling
    /// terminal; stderr is a separate pipe so the two streams stay apart.
    case pseudoTerminal
}
