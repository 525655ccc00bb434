import Foundation
import KernelProtocol
@testable import KernelRunner
import Logging
import Synchronization

/// A private work directory and service-defs directory, and managers built on them.
struct ServiceFixture {
    let root: String
    let work: String
    let definitions: String

    init() throws {
        // Standardised: programs report their cwd without the doubled slash of TMPDIR + "/".
        root = (try TemporaryDirectory.make(prefix: "kr-services-") as NSString).standardizingPath
        work = root + "/work"
        definitions = root + "/service-defs"
        for directory in [work, definitions] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
    }

    var configuration: RunnerConfiguration {
        RunnerConfiguration(
            workingDirectory: work,
            homeDirectory: work,
            configDirectory: root + "/config",
            serviceDefinitionsDirectory: definitions,
            runtimePath: Toolchain.find("python3") ?? "python3"
        )
    }

    var environment: ChildEnvironment {
        ChildEnvironment(inherited: ProcessInfo.processInfo.environment, homeDirectory: work, environ: EnvironFile(parsing: ""))
    }

    /// Short bounds, so failing tests fail fast; paths inside the fixture.
    var settings: ServiceSettings {
        ServiceSettings(launchTimeout: .seconds(15), kernelDirectory: root + "/kernel", sshKeyDirectory: root + "/dropbear")
    }

    /// Writes `<name>.json`.
    func define(_ name: String, _ json: String) throws {
        try json.write(toFile: "\(definitions)/\(name).json", atomically: true, encoding: .utf8)
    }

    func manager(settings: ServiceSettings? = nil, legacy: (any LegacyServiceProvider)? = nil) -> ServiceManager {
        ServiceManager(
            configuration: configuration,
            environment: environment,
            settings: settings ?? self.settings,
            legacyServices: legacy,
            logger: Logger(label: "test.services")
        )
    }

    /// The pid a service wrote to `name` in the work directory, once it is there.
    func pid(writtenTo name: String, timeout: Duration = .seconds(10)) async throws -> pid_t {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOfFile: work + "/" + name, encoding: .utf8),
               let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return pid
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw HarnessError("no pid in \(name)")
    }
}

/// A port nobody listens on right now.
func freePort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = in_addr_t(INADDR_LOOPBACK).bigEndian
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
            bind(descriptor, address, length) == 0 && getsockname(descriptor, address, &length) == 0
        }
    }
    guard bound else { throw HarnessError("cannot bind a free port: \(String(cString: strerror(errno)))") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// True when something accepts connections on `127.0.0.1:port`.
func isListening(_ port: Int) async -> Bool {
    await LoopbackConnection.isAccepting(port: port, timeout: .seconds(1))
}

/// True once neither the process nor anything of its process group is left.
func isGone(_ pid: pid_t, timeout: Duration = .seconds(5)) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if kill(pid, 0) != 0 && errno == ESRCH && kill(-pid, 0) != 0 && errno == ESRCH { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return false
}

/// Waits until `condition` holds.
func eventually(timeout: Duration = .seconds(10), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}

/// Collects frames sent through a `send` closure.
final class FrameRecorder: Sendable {
    private let frames = Mutex<[OutboundMessage]>([])

    var all: [OutboundMessage] { frames.withLock { $0 } }

    func record(_ message: OutboundMessage) {
        frames.withLock { $0.append(message) }
    }

    /// Waits until `count` frames arrived; returns them.
    func wait(for count: Int, timeout: Duration = .seconds(20)) async -> [OutboundMessage] {
        _ = await eventually(timeout: timeout) { all.count >= count }
        return all
    }
}

/// A python3 `http.server` on `{ports[0]}`, bound to loopback.
let httpServerDefinition = #"{"command": ["python3", "-m", "http.server", "{ports[0]}", "--bind", "127.0.0.1"]}"#
