import Glibc
import KernelProtocol
import Logging
public import ProcessSupervision
import Synchronization
import SystemSupport

/// One queued task in progress: what a ``BaseRunner`` uses to spawn toolchains and report.
///
/// It streams every child's output to the agent, routes `input` and `interrupt` to the child
/// that is running, and remembers scratch directories to remove when the task ends.
public final class RunContext: Sendable {
    /// Which queued op this task serves.
    public enum Step: String, Sendable {
        case clean, build, exec, query
    }

    /// The op being served.
    public let step: Step
    /// The cwd of the run (`/home/work`).
    public let workingDirectory: String
    /// The language's runtime path (the image's `ai.backend.runtime-path`, or the runner default).
    public let runtimePath: String
    /// The environment of every child of this task.
    public let environment: [String: String]

    let logPrefix: String
    let sink: any MessageSink
    let logger: Logger
    let interactiveIO: StandardIO
    let interruptGrace: Duration
    let limits: RunLimits
    let sandbox: (any Sandboxing)?
    /// Compiled snippets of query mode; nil compiles every time.
    let compileCache: CompileCache?
    /// What the sandbox refused during the task.
    package let denials = PolicyDenials()
    let state = Mutex(State())

    /// Why the daemon ended a task early.
    enum StopCause: Sendable {
        case interrupted, timeout, outputLimit
    }

    struct State {
        var process: SupervisedProcess?
        var stopCause: StopCause?
        /// Output bytes forwarded, and dropped past the output limit.
        var forwardedBytes = 0
        var droppedBytes = 0
        /// The child asked for input and nothing was written yet.
        var waitingForInput = false
        var pendingInputs: [String] = []
        /// Readers outside the task's own children (the input socket, a persistent
        /// interpreter) that asked for input, oldest first.
        var inputRequests: [@Sendable (String?) -> Void] = []
        /// Stops work of this task that is not its child (a persistent interpreter's snippet).
        var interruptHandler: (@Sendable () -> Void)?
        var scratchDirectories: [String] = []
        var lastStatus: TerminationStatus?
    }

    init(
        step: Step,
        workingDirectory: String,
        runtimePath: String,
        environment: [String: String],
        logPrefix: String,
        interactiveIO: StandardIO,
        interruptGrace: Duration,
        limits: RunLimits,
        sandbox: (any Sandboxing)?,
        compileCache: CompileCache? = nil,
        sink: any MessageSink,
        logger: Logger
    ) {
        self.step = step
        self.workingDirectory = workingDirectory
        self.runtimePath = runtimePath
        self.environment = environment
        self.logPrefix = logPrefix
        self.interactiveIO = interactiveIO
        self.interruptGrace = interruptGrace
        self.limits = limits
        self.sandbox = sandbox
        self.compileCache = compileCache
        self.sink = sink
        self.logger = logger
    }

    /// The sandbox of the task's next child, reporting to ``denials``.
    var confinement: Confinement? { sandbox?.confinement(reportingTo: denials) }

    /// True once the task was interrupted or hit a limit; runners stop spawning further steps.
    public var isInterrupted: Bool { state.withLock { $0.stopCause != nil } }

    /// Why the daemon ended the task early, if it did.
    var stopCause: StopCause? { state.withLock { $0.stopCause } }

    /// How the last child ended (for the optional keys of the terminal frame).
    public var lastStatus: TerminationStatus? { state.withLock { $0.lastStatus } }

    /// Reports dropped output, removes scratch directories and logs discarded input.
    func finish() {
        let (directories, unused, dropped, requests) = state.withLock { state in
            defer {
                state.scratchDirectories = []
                state.pendingInputs = []
                state.inputRequests = []
                state.interruptHandler = nil
            }
            return (state.scratchDirectories, state.pendingInputs.count, state.droppedBytes, state.inputRequests)
        }
        for request in requests {
            request(nil)
        }
        if dropped > 0, let cap = limits.outputBytes {
            notice("output limit of \(cap) bytes reached: \(dropped) more bytes were dropped and the run was stopped")
        }
        let refused = denials.summary
        if let first = refused.first {
            let more = refused.count > 1 ? " (\(refused.count) calls refused in all)" : ""
            notice("sandbox: \(first) refused by policy\(more)")
        }
        for directory in directories {
            FileSystem.removeTree(directory)
        }
        if unused > 0 {
            logger.notice("discarded \(unused) input(s) nobody asked for when the \(step.rawValue) task ended")
        }
    }
}
