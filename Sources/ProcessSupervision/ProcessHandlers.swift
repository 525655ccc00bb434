/// Callbacks through which a run reports; all are called on the run's I/O thread.
public struct ProcessHandlers: Sendable {
    /// Receives output in order per stream. It may block: while it does, the
    /// run's output is not read, its pipes fill up and the program is throttled.
    public var output: @Sendable (ProcessOutput) -> Void
    /// Called once per input request, after all output written before the
    /// request; `isPassword` is true when the terminal's echo was off.
    public var waitingForInput: @Sendable (_ isPassword: Bool) -> Void

    /// Creates handlers; input requests are ignored unless `waitingForInput` is given.
    public init(
        output: @escaping @Sendable (ProcessOutput) -> Void,
        waitingForInput: @escaping @Sendable (_ isPassword: Bool) -> Void = { _ in }
    ) {
        self.output = output
        self.waitingForInput = waitingForInput
    }
}
