import Foundation
import KernelProtocol
import Logging
public import ProcessSupervision
import Synchronization

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

    private let logPrefix: String
    private let sink: any MessageSink
    private let logger: Logger
    private let interactiveIO: StandardIO
    private let interruptGrace: Duration
    private let limits: RunLimits
    private let state = Mutex(State())

    /// Why the daemon ended a task early.
    enum StopCause: Sendable {
        case interrupted, timeout, outputLimit
    }

    private struct State {
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
        self.sink = sink
        self.logger = logger
    }

    /// True once the task was interrupted or hit a limit; runners stop spawning further steps.
    public var isInterrupted: Bool { state.withLock { $0.stopCause != nil } }

    /// Why the daemon ended the task early, if it did.
    var stopCause: StopCause? { state.withLock { $0.stopCause } }

    /// How the last child ended (for the optional keys of the terminal frame).
    public var lastStatus: TerminationStatus? { state.withLock { $0.lastStatus } }

    /// Runs one program to completion and returns its exit code (negative: killed by that
    /// signal; 127: not found).
    ///
    /// - Parameters:
    ///   - executable: an absolute path or a name looked up in the run's `PATH`.
    ///   - standardIO: defaults to a pty for `exec`/`code` and pipes for `build`/`clean`.
    public func run(
        _ executable: String,
        _ arguments: [String] = [],
        environment extra: [String: String] = [:],
        standardIO: StandardIO? = nil,
        in directory: String? = nil
    ) async -> Int {
        if isInterrupted { return -Int(SIGINT) }
        let spec = ProcessSpec(
            executable: executable,
            arguments: arguments,
            environment: environment.merging(extra) { $1 },
            workingDirectory: directory ?? workingDirectory,
            standardIO: standardIO ?? defaultStandardIO,
            limits: limits.process
        )
        let process: SupervisedProcess
        do {
            process = try SupervisedProcess.spawn(spec, handlers: handlers)
        } catch {
            diagnostic(Self.describe(error, executable: executable))
            return error.code == .executableNotFound ? 127 : 126
        }
        return await supervise(process)
    }

    /// Runs a user command. One without shell syntax (``PlainCommand``) is started directly; any
    /// other, and one whose program cannot be started, goes through `/bin/sh -c`, so errors such
    /// as "not found" are the shell's.
    public func shell(_ command: String, environment extra: [String: String] = [:]) async -> Int {
        if !isInterrupted, let plain = PlainCommand(command) {
            let variables = environment.merging(extra) { $1 }
            let spec = ProcessSpec(
                executable: plain.program,
                arguments: plain.arguments,
                environment: PlainCommand.environment(variables, workingDirectory: workingDirectory),
                workingDirectory: workingDirectory,
                standardIO: defaultStandardIO,
                limits: limits.process
            )
            if let process = try? SupervisedProcess.spawn(spec, handlers: handlers) {
                return await supervise(process, reportingLikeShell: true)
            }
        }
        return await run("/bin/sh", ["-c", command], environment: extra)
    }

    /// Follows a spawned child to its end; returns its exit code.
    ///
    /// - Parameter reportingLikeShell: the child is a user command run without the shell: its
    ///   end is reported as the shell would have (unless the daemon itself stopped the run, which
    ///   would have killed the shell too).
    private func supervise(_ process: SupervisedProcess, reportingLikeShell: Bool = false) async -> Int {
        let interruptedMeanwhile = state.withLock { state in
            state.process = process
            return state.stopCause != nil
        }
        if interruptedMeanwhile { process.interrupt(grace: interruptGrace) }
        deliverPendingInput()
        var status = await process.wait()
        if reportingLikeShell, stopCause == nil {
            let report = status.asReportedByShell()
            status = report.status
            if let message = report.message {
                sink.send(.stderr(Array(message.utf8)))
            }
        }
        state.withLock { state in
            state.process = nil
            state.waitingForInput = false
        }
        record(ended: status)
        return status.exitCode
    }

    /// Records how a process of this task ended — a child, or a persistent interpreter that died
    /// during the task — for the terminal frame, and tells the user when the memory limit killed it.
    func record(ended status: TerminationStatus) {
        state.withLock { $0.lastStatus = status }
        if status.memoryLimitKills > 0, let cap = limits.process.memoryBytes {
            let killed = status.memoryLimitKills == 1 ? "1 process" : "\(status.memoryLimitKills) processes"
            notice("memory limit of \(cap) bytes reached: the kernel killed \(killed) of the run")
        }
    }

    /// Writes a user-facing diagnostic on the run's stderr, prefixed like the original
    /// (`c-kernel: cannot find …`), and logs it.
    public func diagnostic(_ message: String) {
        logger.info("\(message)")
        // Runners call this from Swift concurrency: never wait for outbox space here.
        sink.send(.stderr(Array("\(logPrefix): \(message)\n".utf8)))
    }

    /// Writes the daemon's own notice about a limit on the run's stderr, on a line of its own.
    private func notice(_ message: String) {
        sink.send(.stderr(Array("\nkernel-runner: \(message)\n".utf8)))
    }

    /// Logs a note in the daemon's own log only.
    public func log(_ message: String) {
        logger.info("\(message)")
    }

    /// True if `path` (relative to the work dir unless absolute) is an existing regular file.
    public func fileExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: resolve(path), isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// True if `path` is a regular file with the owner's execute bit.
    public func isExecutableFile(_ path: String) -> Bool {
        fileExists(path) && access(resolve(path), X_OK) == 0
    }

    /// `path` made absolute against the work dir.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : workingDirectory + "/" + path
    }

    /// Every regular file under the work dir whose name ends with one of `extensions`, as
    /// paths relative to the work dir, sorted (deterministic builds). Hidden directories are
    /// skipped.
    public func sourceFiles(withExtensions extensions: [String]) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: workingDirectory) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                walker.skipDescendants()
                continue
            }
            if extensions.contains(where: { name.hasSuffix($0) }), fileExists(relative) {
                found.append(relative)
            }
        }
        return found.sorted()
    }

    /// A new private (mode 0700) directory, removed when the task ends: query-mode sources
    /// and binaries go here, never into the user's work dir.
    public func makeScratchDirectory() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/kernel-runner-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) }
        guard made != nil else {
            throw RunError(.scratchDirectory, errno: errno)
        }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        state.withLock { $0.scratchDirectories.append(path) }
        return path
    }

    /// Creates a directory (and its parents) relative to the work dir.
    public func makeDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: resolve(path), withIntermediateDirectories: true)
        } catch {
            throw RunError(.makeDirectory, errno: errno)
        }
    }

    /// Writes `text` to a file, creating it with owner-only permissions.
    public func write(_ text: String, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw RunError(.writeFile, errno: errno)
        }
    }

    // MARK: - Driven by the daemon

    /// Interrupts the child in progress (whole process group, with escalation) and stops the
    /// runner from spawning further children for this task.
    func interrupt() {
        stop(.interrupted)?.interrupt(grace: interruptGrace)
    }

    /// Ends the task because it ran out of wall-clock time.
    func timeOut() {
        stop(.timeout)?.kill()
    }

    /// Queues text typed by the user; it goes to the child as soon as one asks.
    func provideInput(_ text: String) {
        state.withLock { $0.pendingInputs.append(text) }
        deliverPendingInput()
    }

    /// Kills whatever is still running, at shutdown.
    func kill() {
        stop(.interrupted)?.kill()
    }

    /// Records why the task stops (the first cause wins), stops work that is not a child, and
    /// returns the child to signal.
    private func stop(_ cause: StopCause) -> SupervisedProcess? {
        let (process, handler) = state.withLock { state in
            if state.stopCause == nil { state.stopCause = cause }
            return (state.process, state.interruptHandler)
        }
        handler?()
        return process
    }

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
        for directory in directories {
            try? FileManager.default.removeItem(atPath: directory)
        }
        if unused > 0 {
            logger.notice("discarded \(unused) input(s) nobody asked for when the \(step.rawValue) task ended")
        }
    }

    // MARK: - Persistent interpreters and the input socket

    /// Sends a frame of this task from an interpreter's I/O thread (never from a Swift task: it
    /// may block while the agent is slow). Output counts against the output limit.
    func emit(_ message: OutboundMessage) {
        switch message {
        case .stdout(let bytes): forward(.stdout(bytes))
        case .stderr(let bytes): forward(.stderr(bytes))
        default: sink.sendBlocking(message)
        }
    }

    /// Sends `waiting-input` for a reader that is not a child of this task and hands it the
    /// task's next `input`, verbatim (at once if one is queued); nil if the task ends first.
    func requestInput(isPassword: Bool, deliver: @escaping @Sendable (String?) -> Void) {
        sink.send(.waitingInput(isPassword: isPassword))
        state.withLock { $0.inputRequests.append(deliver) }
        deliverPendingInput()
    }

    /// Runs `handler` when the task is interrupted or stopped by a limit (at once if it already
    /// was): how work that is not a child of this task (a persistent interpreter) stops.
    func onInterrupt(_ handler: @escaping @Sendable () -> Void) {
        let stopped = state.withLock { state in
            state.interruptHandler = handler
            return state.stopCause != nil
        }
        if stopped { handler() }
    }

    // MARK: - Private

    private var defaultStandardIO: StandardIO {
        switch step {
        case .exec, .query: interactiveIO
        case .build, .clean: .pipes
        }
    }

    private var handlers: ProcessHandlers {
        ProcessHandlers(
            output: { [weak self] output in
                self?.forward(output)
            },
            waitingForInput: { [weak self] isPassword in
                guard let self else { return }
                sink.send(.waitingInput(isPassword: isPassword))
                state.withLock { $0.waitingForInput = true }
                deliverPendingInput()
            }
        )
    }

    /// Sends output to the agent up to the output limit; past it, drops (the pump keeps draining
    /// so the child never blocks) and stops the run.
    private func forward(_ output: ProcessOutput) {
        var bytes: [UInt8]
        switch output {
        case .stdout(let chunk), .stderr(let chunk): bytes = chunk
        }
        if let cap = limits.outputBytes {
            let (allowed, overflowed) = state.withLock { state in
                let allowed = max(0, min(bytes.count, cap - state.forwardedBytes))
                state.forwardedBytes += allowed
                state.droppedBytes += bytes.count - allowed
                return (allowed, bytes.count > allowed)
            }
            if overflowed {
                stop(.outputLimit)?.kill()
                guard allowed > 0 else { return }
                bytes.removeLast(bytes.count - allowed)
            }
        }
        switch output {
        case .stdout: sink.sendBlocking(.stdout(bytes))
        case .stderr: sink.sendBlocking(.stderr(bytes))
        }
    }

    private func deliverPendingInput() {
        let delivery: (@Sendable (String) -> Void, String)? = state.withLock { state in
            guard !state.pendingInputs.isEmpty else { return nil }
            if state.waitingForInput, let process = state.process {
                state.waitingForInput = false
                return ({ process.writeInput(Self.inputLine($0)) }, state.pendingInputs.removeFirst())
            }
            guard !state.inputRequests.isEmpty else { return nil }
            let request = state.inputRequests.removeFirst()
            return ({ request($0) }, state.pendingInputs.removeFirst())
        }
        guard let (deliver, text) = delivery else { return }
        deliver(text)
    }

    /// `text` as a line for a program's stdin: a newline is added unless it ends with one.
    static func inputLine(_ text: String) -> [UInt8] {
        Array((text.hasSuffix("\n") ? text : text + "\n").utf8)
    }

    private static func describe(_ error: SpawnError, executable: String) -> String {
        switch error.code {
        case .executableNotFound: "cannot find \"\(executable)\""
        case .notExecutable: "\"\(executable)\" is not executable"
        default: "cannot start \"\(executable)\": \(error)"
        }
    }
}
