/// How a run's standard descriptors are connected.
public enum StandardIO: Sendable, Equatable {
    /// stdin is `/dev/null`; stdout and stderr are pipes. For builds and batch steps.
    case pipes
    /// stdin is a pipe fed by ``SupervisedProcess/writeInput(_:)``; stdout and stderr are pipes.
    case interactivePipes
    /// stdin and stdout are one pseudo-terminal, which is the run's controlling
    /// terminal; stderr is a separate pipe so the two streams stay apart.
    case pseudoTerminal
    /// stdin is a pseudo-terminal, the run's controlling terminal, as in ``pseudoTerminal``
    /// (input requests and password prompts are recognised the same way); stdout and stderr
    /// are pipes, which carry output much faster than a terminal. What the program writes to
    /// the terminal itself (`/dev/tty`, e.g. a password prompt) arrives as stdout. For programs
    /// that flush a prompt themselves before reading: C stdio, for one, buffers a pipe fully.
    case terminalInput
}
