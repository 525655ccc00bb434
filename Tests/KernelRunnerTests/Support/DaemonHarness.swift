import Foundation
import KernelClient
import KernelProtocol
import ProcessSupervision
import Synchronization
import Testing

/// A real `kernel-runner` process on 127.0.0.1 with ephemeral ports and a private work
/// directory, driven over real ZeroMQ by an ``AgentClient``.
final class DaemonHarness: Sendable {
    let workDirectory: String
    let configDirectory: String
    let client: AgentClient
    /// The daemon process. It is spawned through ProcessSupervision because suites that
    /// supervise processes in this test process run its reaper, which would collect a daemon
    /// started any other way.
    let process: SupervisedProcess
    /// The daemon's PULL port (agent → runner), for tests that need a raw socket.
    let inputPort: Int
    /// The daemon's PUSH port (runner → agent), for tests that connect another agent.
    let outputPort: Int
    private let output: DaemonLog
    private let exit: Task<TerminationStatus, Never>

    var pid: pid_t { process.pid }

    /// Starts the daemon and connects an agent to it.
    ///
    /// - Parameters:
    ///   - prepare: runs before the daemon starts, with the work and config directories (write
    ///     project files, `environ.txt`, …).
    static func start(
        language: String,
        runtimePath: String? = nil,
        arguments: [String] = [],
        environment: [String: String] = [:],
        prepare: (_ workDirectory: String, _ configDirectory: String) throws -> Void = { _, _ in }
    ) async throws -> DaemonHarness {
        let root = try TemporaryDirectory.make(prefix: "kr-test-")
        let work = root + "/work"
        let config = root + "/config"
        for directory in [work, config] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        try prepare(work, config)
        let readyFile = root + "/ready.json"
        var argv = [language]
        if let runtimePath { argv.append(runtimePath) }
        argv += [
            "--bind", "127.0.0.1", "--in-port", "0", "--out-port", "0",
            "--work-dir", work, "--config-dir", config,
            "--service-defs", root + "/service-defs", "--language-specs", root + "/languages",
            "--ready-file", readyFile,
        ] + (arguments.contains("--input-socket") ? [] : ["--input-socket", ""]) + arguments
        let output = DaemonLog()
        let process = try SupervisedProcess.spawn(
            ProcessSpec(
                executable: try binaryPath(),
                arguments: argv,
                environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                workingDirectory: work
            ),
            handlers: ProcessHandlers(output: { output.append($0) })
        )
        LiveDaemons.add(process.pid)
        let exit = Task {
            let status = await process.wait()
            output.exited(status)
            LiveDaemons.remove(process.pid)
            return status
        }
        do {
            let endpoints = try await waitForReadyFile(readyFile, exit: exit, output: output)
            let client = try AgentClient(host: "127.0.0.1", inputPort: endpoints.input, outputPort: endpoints.output)
            return DaemonHarness(
                workDirectory: work, configDirectory: config, client: client, process: process,
                inputPort: endpoints.input, outputPort: endpoints.output, output: output, exit: exit)
        } catch {
            process.kill()
            throw error
        }
    }

    private init(
        workDirectory: String, configDirectory: String, client: AgentClient, process: SupervisedProcess,
        inputPort: Int, outputPort: Int, output: DaemonLog, exit: Task<TerminationStatus, Never>
    ) {
        self.workDirectory = workDirectory
        self.configDirectory = configDirectory
        self.client = client
        self.process = process
        self.inputPort = inputPort
        self.outputPort = outputPort
        self.output = output
        self.exit = exit
    }

    /// Runs `code` in query mode and collects its frames up to `finished`.
    func query(_ code: String, timeout: Duration = .seconds(120)) async throws -> RunOutput {
        client.send("code", text: code)
        return try await collect(until: "finished", timeout: timeout)
    }

    /// Sends the three batch steps back to back, as the agent does, and collects the three results.
    func batch(clean: String = "", build: String = "", exec: String = "", timeout: Duration = .seconds(300)) async throws -> [RunOutput] {
        client.send("clean", text: clean)
        client.send("build", text: build)
        client.send("exec", text: exec)
        var results: [RunOutput] = []
        for terminal in ["clean-finished", "build-finished", "finished"] {
            results.append(try await collect(until: terminal, timeout: timeout))
        }
        return results
    }

    /// Collects frames up to the given terminal op.
    func collect(until terminal: String, timeout: Duration = .seconds(120)) async throws -> RunOutput {
        let messages = try await client.collect(until: [terminal], timeout: timeout)
        return RunOutput(messages: messages)
    }

    /// Waits for the first frame of type `op`, skipping (and returning) the frames before it.
    func next(_ op: String, timeout: Duration = .seconds(10)) async throws -> (message: WireMessage, skipped: [WireMessage]) {
        var skipped: [WireMessage] = []
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard let message = await client.next(timeout: deadline - ContinuousClock.now) else { break }
            if message.opName == op { return (message, skipped) }
            skipped.append(message)
        }
        throw HarnessError("no \(op) frame within \(timeout); got \(skipped.map(\.opName))")
    }

    /// The daemon's own log so far (for failure messages).
    var log: String { output.text }

    /// True while the daemon process has not exited.
    var isRunning: Bool { output.exitStatus == nil }

    /// Sends `signal` (SIGTERM by default) to the daemon and waits, bounded, for it to exit;
    /// returns how it ended (nil if it had to be killed) and how long it took.
    @discardableResult
    func stop(signal: Int32 = SIGTERM, timeout: Duration = .seconds(10)) async -> (status: TerminationStatus?, elapsed: Duration) {
        client.close()
        let started = ContinuousClock.now
        kill(process.pid, signal)
        // Polled, not awaited: a wait that ignores cancellation would outlive the timeout.
        while output.exitStatus == nil, ContinuousClock.now - started < timeout {
            try? await Task.sleep(for: .milliseconds(5))
        }
        let status = output.exitStatus
        if status == nil {
            process.kill()
            _ = await exit.value
        }
        return (status, ContinuousClock.now - started)
    }

    // MARK: - Process plumbing

    private static func binaryPath() throws -> String {
        if let path = ProcessInfo.processInfo.environment["KERNEL_RUNNER_BINARY"] {
            return path
        }
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var directory = (executable as NSString).deletingLastPathComponent
        // The test bundle may sit inside `<products>/X.xctest/…`; walk up to the products dir.
        for _ in 0..<4 {
            let candidate = directory + "/kernel-runner"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = (directory as NSString).deletingLastPathComponent
        }
        throw HarnessError("cannot find the kernel-runner binary next to \(executable); set KERNEL_RUNNER_BINARY")
    }

    private static func waitForReadyFile(
        _ path: String, exit: Task<TerminationStatus, Never>, output: DaemonLog
    ) async throws -> (input: Int, output: Int) {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let data = FileManager.default.contents(atPath: path),
               let object = try? JSONSerialization.jsonObject(with: data) as? [String: String],
               let input = object["input"].flatMap(port), let outputPort = object["output"].flatMap(port) {
                return (input, outputPort)
            }
            if output.exitStatus != nil || exit.isCancelled {
                throw HarnessError("the daemon exited during start:\n\(output.text)")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw HarnessError("the daemon did not become ready within 30 s:\n\(output.text)")
    }

    private static func port(of endpoint: String) -> Int? {
        endpoint.split(separator: ":").last.flatMap { Int($0) }
    }
}

/// What one queued task sent back.
struct RunOutput: Sendable {
    let messages: [WireMessage]

    /// Everything sent as stdout, concatenated, decoded at the end (so split characters rejoin).
    var stdoutBytes: [UInt8] { bytes(of: "stdout") }
    var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
    var stderr: String { String(decoding: bytes(of: "stderr"), as: UTF8.self) }
    /// The terminal frame's op.
    var terminal: String { messages.last?.opName ?? "" }
    /// The terminal frame's JSON object.
    var result: [String: Any] {
        guard let last = messages.last else { return [:] }
        return (try? JSONSerialization.jsonObject(with: Data(last.payload)) as? [String: Any]) ?? [:]
    }
    var exitCode: Int? { result["exitCode"] as? Int }
    /// The ops in order, for sequence checks.
    var ops: [String] { messages.map(\.opName) }

    private func bytes(of op: String) -> [UInt8] {
        messages.filter { $0.opName == op }.flatMap(\.payload)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Creates private temporary directories for tests.
enum TemporaryDirectory {
    static func make(prefix: String) throws -> String {
        var template = Array((NSTemporaryDirectory() + "/" + prefix + "XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw HarnessError("mkdtemp failed: \(String(cString: strerror(errno)))")
        }
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}

/// Daemons not yet stopped: a test's deferred `stop()` may not get to run before the test
/// process exits, so whatever is left is killed at exit.
enum LiveDaemons {
    private static let pids: Mutex<Set<pid_t>> = {
        atexit {
            for pid in LiveDaemons.pids.withLock({ $0 }) {
                kill(pid, SIGKILL)
            }
        }
        return Mutex([])
    }()

    static func add(_ pid: pid_t) {
        pids.withLock { _ = $0.insert(pid) }
    }

    static func remove(_ pid: pid_t) {
        pids.withLock { _ = $0.remove(pid) }
    }
}

/// The daemon's stdout and stderr, kept for failure messages.
final class DaemonLog: Sendable {
    private let bytes = Mutex<[UInt8]>([])
    private let status = Mutex<TerminationStatus?>(nil)

    func append(_ output: ProcessOutput) {
        switch output {
        case .stdout(let chunk), .stderr(let chunk): bytes.withLock { $0 += chunk }
        }
    }

    var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }

    var exitStatus: TerminationStatus? { status.withLock { $0 } }

    func exited(_ termination: TerminationStatus) {
        status.withLock { $0 = termination }
    }
}
