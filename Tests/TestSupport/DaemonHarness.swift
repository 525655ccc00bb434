import Foundation
import KernelClient
import KernelProtocol
import ProcessSupervision
import Synchronization
import SystemSupport
import Testing

/// A real `kernel-runner` process on 127.0.0.1 with ephemeral ports and a private work
/// directory, driven over real ZeroMQ by an ``AgentClient``.
public final class DaemonHarness: Sendable {
    public let workDirectory: String
    public let configDirectory: String
    public let client: AgentClient
    /// The daemon process. It is spawned through ProcessSupervision because suites that
    /// supervise processes in this test process run its reaper, which would collect a daemon
    /// started any other way.
    public let process: SupervisedProcess
    /// The daemon's PULL port (agent → runner), for tests that need a raw socket.
    public let inputPort: Int
    /// The daemon's PUSH port (runner → agent), for tests that connect another agent.
    public let outputPort: Int
    private let output: DaemonLog
    private let exit: Task<TerminationStatus, Never>

    public var pid: pid_t { process.pid }

    /// Starts the daemon and connects an agent to it.
    ///
    /// - Parameters:
    ///   - prepare: runs before the daemon starts, with the work and config directories (write
    ///     project files, `environ.txt`, …).
    public static func start(
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
        argv +=
            [
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
    public func query(_ code: String, timeout: Duration = TimeBound.hang(after: .seconds(120))) async throws -> RunOutput {
        try client.send(.code(code))
        return try await collect(until: .finished, timeout: timeout)
    }

    /// Sends the three batch steps back to back, as the agent does, and collects the three results.
    public func batch(clean: String = "", build: String = "", exec: String = "", timeout: Duration = TimeBound.hang(after: .seconds(300)))
        async throws -> [RunOutput]
    {
        try client.send(.clean(clean))
        try client.send(.build(build))
        try client.send(.exec(exec))
        var results: [RunOutput] = []
        for terminal: Op in [.cleanFinished, .buildFinished, .finished] {
            results.append(try await collect(until: terminal, timeout: timeout))
        }
        return results
    }

    /// Collects frames up to the given terminal op.
    public func collect(until terminal: Op, timeout: Duration = TimeBound.hang(after: .seconds(120))) async throws -> RunOutput {
        let deadline = ContinuousClock.now + timeout
        var messages: [WireMessage] = []
        while let message = try await nextFrame(before: deadline) {
            messages.append(message)
            if message.kind == terminal { return RunOutput(messages: messages) }
        }
        throw AgentClientError(code: .timedOut, collected: messages)
    }

    /// Waits for the first frame of type `op`, skipping (and returning) the frames before it.
    public func next(_ op: Op, timeout: Duration = TimeBound.hang(after: .seconds(10))) async throws -> (
        message: WireMessage, skipped: [WireMessage]
    ) {
        var skipped: [WireMessage] = []
        let deadline = ContinuousClock.now + timeout
        while let message = try await nextFrame(before: deadline) {
            if message.kind == op { return (message, skipped) }
            skipped.append(message)
        }
        throw HarnessError("no \(op) frame within \(timeout); got \(skipped.map(\.opName))")
    }

    /// The next frame, or nil once `deadline` passes. Waits in slices so that a daemon that
    /// died fails the test at once, with its log, instead of at the deadline.
    private func nextFrame(before deadline: ContinuousClock.Instant) async throws -> WireMessage? {
        while ContinuousClock.now < deadline {
            if let message = await client.next(timeout: min(deadline - .now, .seconds(1))) {
                return message
            }
            if client.isClosed {
                throw HarnessError("the agent connection closed while a test waited for frames")
            }
            if let status = output.exitStatus {
                throw HarnessError("the daemon ended (\(status)) while a test waited for its frames:\n\(output.text)")
            }
        }
        return nil
    }

    /// The daemon's own log so far (for failure messages).
    public var log: String { output.text }

    /// True while the daemon process has not exited.
    public var isRunning: Bool { output.exitStatus == nil }

    /// Sends `signal` (SIGTERM by default) to the daemon and waits, bounded, for it to exit;
    /// returns how it ended (nil if it had to be killed) and how long it took. A daemon that
    /// already exited is not signalled again (its pid may be someone else's by now): its status
    /// comes back at once.
    @discardableResult
    public func stop(signal: Int32 = SIGTERM, timeout: Duration = TimeBound.hang(after: .seconds(10))) async -> (
        status: TerminationStatus?, elapsed: Duration
    ) {
        client.close()
        if let status = output.exitStatus { return (status, .zero) }
        let started = ContinuousClock.now
        kill(process.pid, signal)
        let status = await process.wait(timeout: timeout)
        let elapsed = ContinuousClock.now - started
        if status == nil {
            process.kill()
        }
        // The exit task records the status (and unregisters the daemon) once the process ended.
        _ = await exit.value
        return (status, elapsed)
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
        let limit = TimeBound.hang(after: .seconds(30))
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let data = FileManager.default.contents(atPath: path),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: String],
                let input = object["input"].flatMap(port), let outputPort = object["output"].flatMap(port)
            {
                return (input, outputPort)
            }
            if output.exitStatus != nil || exit.isCancelled {
                throw HarnessError("the daemon exited during start:\n\(output.text)")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw HarnessError("the daemon did not become ready within \(limit):\n\(output.text)")
    }

    private static func port(of endpoint: String) -> Int? {
        endpoint.split(separator: ":").last.flatMap { Int($0) }
    }
}
