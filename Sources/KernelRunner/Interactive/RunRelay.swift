import KernelProtocol
import KernelRunnerCore
import Logging
import ProcessSupervision
import Synchronization

/// Connects a long-lived interpreter process to whichever `code` run is in progress: its output
/// goes to that run (in order with its events, see ``OrderedOutput``), and its stdin reads
/// become that run's `waiting-input` requests.
///
/// Between runs nobody listens: output is dropped (the agent would drop it too) and a read is
/// answered with an empty line, so the process supervisor's input detection stays armed.
/// A request its run leaves unanswered is withdrawn, not answered: an empty line written then
/// could reach the terminal after the next snippet discarded stale input, and answer its first
/// read without a `waiting-input` (after an interrupt during `input()`, the read is gone).
final class RunRelay: Sendable {
    private struct State {
        var run: RunContext?
        var process: SupervisedProcess?
    }

    /// Orders the interpreter's output and events; the channel thread emits both.
    let output: OrderedOutput
    private let logger: Logger
    private let state = Mutex(State())

    init(output: OrderedOutput, logger: Logger) {
        self.output = output
        self.logger = logger
    }

    /// The callbacks to spawn the interpreter with.
    var handlers: ProcessHandlers {
        ProcessHandlers(
            output: { [output] chunk in
                output.accept(chunk)
            },
            waitingForInput: { [self] isPassword in
                let (run, process) = state.withLock { ($0.run, $0.process) }
                guard let process else { return }
                guard let run else {
                    logger.notice("the interpreter read its stdin between runs; it gets an empty line")
                    process.writeInput(RunContext.inputLine(""))
                    return
                }
                run.requestInput(isPassword: isPassword) { text in
                    guard let text else {
                        // A reader still blocked is detected again: it gets an empty line
                        // between runs, or becomes the next run's request.
                        process.withdrawInputRequest()
                        return
                    }
                    process.writeInput(RunContext.inputLine(text))
                }
            }
        )
    }

    /// The process, once spawned (the handlers exist before it does).
    func attach(_ process: SupervisedProcess) {
        state.withLock { $0.process = process }
    }

    /// Routes to `run` from now on; nil stops routing.
    func route(to run: RunContext?) {
        state.withLock { $0.run = run }
    }

    /// Sends output to the run in progress, if any (on the channel thread).
    func forward(_ output: ProcessOutput) {
        guard let run = state.withLock({ $0.run }) else {
            // Usually a background thread of an earlier snippet; at start, why the driver failed.
            let (stream, bytes) =
                switch output {
                case .stdout(let bytes): ("stdout", bytes)
                case .stderr(let bytes): ("stderr", bytes)
                }
            logger.notice("interpreter \(stream) outside a run: \(String(decoding: bytes.prefix(500), as: UTF8.self))")
            return
        }
        switch output {
        case .stdout(let bytes): run.emit(.stdout(bytes))
        case .stderr(let bytes): run.emit(.stderr(bytes))
        }
    }

    /// Sends an event of the run in progress, if any.
    func emit(_ message: OutboundMessage) {
        state.withLock { $0.run }?.emit(message)
    }
}
