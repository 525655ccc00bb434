import FoundationEssentials
import Glibc
import KernelProtocol
import KernelRunnerCore
import KernelTransport
import Logging
import ProcessSupervision
import Synchronization
import SystemSupport

/// One running Jupyter kernel, spoken to over the Jupyter messaging protocol: snippets go as
/// `execute_request`s, IOPub output becomes frames, `input_request`s become `waiting-input`.
///
/// A dedicated thread owns the ZeroMQ sockets; other threads queue messages and wake it.
final class JupyterKernel: ProcessBackedInterpreter {
    /// The snippet in progress.
    struct Execution {
        let requestID: String
        let run: RunContext
        let continuation: CheckedContinuation<StepOutcome?, Never>
        /// When the request was queued; the kernel must take it up within ``acceptanceTimeout``.
        let queuedAt = ContinuousClock.now
        /// The kernel said something about the request (its `busy` status, output, the reply).
        var isAccepted = false
        var outcome: StepOutcome?
        var isReplied = false
        var isIdle = false
    }

    struct State {
        var outgoing: [(JupyterChannels.Channel, JupyterMessage)] = []
        var execution: Execution?
        var completions: [String: Latch<[String]>] = [:]
        var isAlive = true
        var isClosing = false
        var completer = Completer.cold
    }

    /// The kernel's completer: its first completion loads it (seconds with jedi). No completion
    /// is sent to load it ahead: queued on the shell channel, it would hold up the next snippet.
    enum Completer {
        case cold
        /// The first completion, by request ID, is not answered yet.
        case loading(requestID: String)
        case ready
    }

    /// How long completion may take when the kernel is idle (a kernel's completer may be slow,
    /// ipykernel's takes a few hundred milliseconds).
    static let completionTimeout = Duration.seconds(2)
    /// How long completion may take while the kernel still loads its completer, once per kernel.
    static let completerLoadTimeout = Duration.seconds(10)
    /// How long a live kernel may leave a snippet untouched (not even `busy`) before it counts
    /// as lost: generous, as a slow completion may still hold the shell channel.
    static let acceptanceTimeout = Duration.seconds(30)

    let name: String
    let spec: KernelSpec
    let connection: JupyterConnection
    /// The private directory of the connection file (it holds the signing key).
    let directory: String
    let session = UUID().uuidString.lowercased()
    let signer: HMACSHA256
    let process: SupervisedProcess
    let wake: WakeupDescriptor
    let logger: Logger
    let state = Mutex(State())
    /// True once the kernel answered `kernel_info_request`, IOPub delivers and stdin is
    /// connected; false if never.
    let readiness = Latch<Bool>()

    init(
        spec: KernelSpec, connection: JupyterConnection, directory: String, process: SupervisedProcess,
        wake: WakeupDescriptor, logger: Logger
    ) {
        name = "the Jupyter kernel \"\(spec.name)\""
        self.spec = spec
        self.connection = connection
        self.directory = directory
        signer = HMACSHA256(key: Array(connection.key.utf8))
        self.process = process
        self.wake = wake
        self.logger = logger
    }

    var isAlive: Bool { state.withLock { $0.isAlive } }

    func execute(_ code: String, _ context: RunContext) async -> StepOutcome? {
        let request = JupyterMessage(
            "execute_request", session: session,
            content: [
                "code": .string(code),
                "silent": .bool(false),
                "store_history": .bool(true),
                "user_expressions": .object([:]),
                "allow_stdin": .bool(true),
                "stop_on_error": .bool(false),
            ])
        return await submit { continuation in
            state.withLock { state in
                guard state.isAlive else { return false }
                state.execution = Execution(requestID: request.id, run: context, continuation: continuation)
                state.outgoing.append((.shell, request))
                return true
            }
        }
    }

    func complete(_ request: CompletionRequest) async -> [String]? {
        let code = request.line ?? request.code
        let message = JupyterMessage(
            "complete_request", session: session,
            content: [
                "code": .string(code),
                // Jupyter counts the cursor in Unicode code points.
                "cursor_pos": .number(Double(request.textBeforeCursor.unicodeScalars.count)),
            ])
        let latch = Latch<[String]>()
        let timeout = state.withLock { state -> Duration? in
            // The shell channel answers one request at a time: a busy kernel would answer late.
            guard state.isAlive, state.execution == nil else { return nil }
            state.completions[message.id] = latch
            state.outgoing.append((.shell, message))
            switch state.completer {
            case .cold:
                state.completer = .loading(requestID: message.id)
                return Self.completerLoadTimeout
            case .loading:
                return Self.completerLoadTimeout
            case .ready:
                return Self.completionTimeout
            }
        }
        guard let timeout else { return nil }
        wake.signal()
        let matches = await latch.wait(timeout: timeout)
        state.withLock { _ = $0.completions.removeValue(forKey: message.id) }
        return matches
    }

    func interrupt() {
        switch spec.interruptMode {
        case .signal:
            process.signalGroup(SIGINT)
        case .message:
            send(JupyterMessage("interrupt_request", session: session, content: [:]), on: .control)
        }
    }

    func shutdown() async {
        send(JupyterMessage("shutdown_request", session: session, content: ["restart": .bool(false)]), on: .control)
        await awaitEnd(patience: .seconds(2))
        close()
        // Here too, not only when the kernel's end is noticed: the daemon may exit first.
        FileSystem.removeTree(directory)
    }

    /// The kernel process ended: its directory goes, and the I/O thread stops.
    func processEnded() {
        FileSystem.removeTree(directory)
        close()
    }

    /// Stops the I/O thread, which then fails whatever is pending.
    func close() {
        state.withLock { $0.isClosing = true }
        wake.signal()
    }

    /// Queues a message for the I/O thread.
    func send(_ message: JupyterMessage, on channel: JupyterChannels.Channel) {
        let queued = state.withLock { state in
            guard state.isAlive else { return false }
            state.outgoing.append((channel, message))
            return true
        }
        if queued { wake.signal() }
    }
}
