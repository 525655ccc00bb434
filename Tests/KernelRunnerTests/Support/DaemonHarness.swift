import Foundation
import KernelClient
import KernelProtocol
import Testing

/// A real `kernel-runner` process on 127.0.0.1 with ephemeral ports and a private work
/// directory, driven over real ZeroMQ by an ``AgentClient``.
final class DaemonHarness: Sendable {
    let workDirectory: String
    let configDirectory: String
    let client: AgentClient
    let pid: pid_t
    /// The daemon's PULL port (agent → runner), for tests that need a raw socket.
    let inputPort: Int
    private let logPath: String

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
        let logPath = root + "/daemon.log"
        var argv = [try binaryPath(), language]
        if let runtimePath { argv.append(runtimePath) }
        argv += [
            "--bind", "127.0.0.1", "--in-port", "0", "--out-port", "0",
            "--work-dir", work, "--config-dir", config,
            "--service-defs", root + "/service-defs", "--language-specs", root + "/languages",
            "--ready-file", readyFile,
        ] + arguments
        let pid = try spawnDaemon(argv, environment: environment, logPath: logPath)
        let endpoints = try await waitForReadyFile(readyFile, pid: pid, logPath: logPath)
        let client = try AgentClient(host: "127.0.0.1", inputPort: endpoints.input, outputPort: endpoints.output)
        return DaemonHarness(workDirectory: work, configDirectory: config, client: client, pid: pid, inputPort: endpoints.input, logPath: logPath)
    }

    private init(workDirectory: String, configDirectory: String, client: AgentClient, pid: pid_t, inputPort: Int, logPath: String) {
        self.workDirectory = workDirectory
        self.configDirectory = configDirectory
        self.client = client
        self.pid = pid
        self.inputPort = inputPort
        self.logPath = logPath
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
    var log: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    /// True while the daemon process has not exited.
    var isRunning: Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == 0
    }

    /// Sends SIGTERM and waits (bounded) for the daemon to exit; returns its wait status and how
    /// long it took.
    @discardableResult
    func stop(signal: Int32 = SIGTERM, timeout: Duration = .seconds(10)) async -> (status: Int32?, elapsed: Duration) {
        client.close()
        let started = ContinuousClock.now
        kill(pid, signal)
        while ContinuousClock.now - started < timeout {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                return (status, ContinuousClock.now - started)
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return (nil, ContinuousClock.now - started)
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

    private static func spawnDaemon(_ argv: [String], environment: [String: String], logPath: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The test runner may block signals; the daemon must start with a clean mask.
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let env = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0)=\($1)" }
        var pid: pid_t = 0
        let result = withCStrings(argv) { cArgv in
            withCStrings(env) { cEnv in
                posix_spawn(&pid, argv[0], &actions, &attributes, cArgv, cEnv)
            }
        }
        guard result == 0 else {
            throw HarnessError("posix_spawn \(argv[0]) failed: \(String(cString: strerror(result)))")
        }
        return pid
    }

    private static func waitForReadyFile(_ path: String, pid: pid_t, logPath: String) async throws -> (input: Int, output: Int) {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if let data = FileManager.default.contents(atPath: path),
               let object = try? JSONSerialization.jsonObject(with: data) as? [String: String],
               let input = object["input"].flatMap(port), let output = object["output"].flatMap(port) {
                return (input, output)
            }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
                throw HarnessError("the daemon exited during start (status \(status)):\n\(log)")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        kill(pid, SIGKILL)
        throw HarnessError("the daemon did not become ready within 30 s")
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

func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
