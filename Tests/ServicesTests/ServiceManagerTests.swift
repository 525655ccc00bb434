import Foundation
import KernelProtocol
import TestSupport
import Testing

@testable import KernelRunnerCore
@testable import KernelRunnerServices

@Suite(
    "Service manager with real processes", .timeLimit(.minutes(2)), .enabled(if: Toolchain.available("python3"), "python3 is not installed")
)
struct ServiceManagerTests {
    let fixture: ServiceFixture

    init() throws {
        fixture = try ServiceFixture()
    }

    @Test func startsADefinitionThenReportsItRunning() async throws {
        try fixture.define("web", httpServerDefinition)
        let manager = fixture.manager()
        let port = try freePort()
        let request = ServiceRequest(name: "web", port: port, ports: [port], protocol: "http")
        #expect(await manager.start(request) == .started)
        #expect(await isListening(port))
        #expect(await manager.start(request) == .running)
        await manager.shutdownAll()
        #expect(await eventually { await !isListening(port) })
    }

    @Test func concurrentStartsAreSerialised() async throws {
        try fixture.define("web", httpServerDefinition)
        let manager = fixture.manager()
        let port = try freePort()
        let request = ServiceRequest(name: "web", port: port, protocol: "http")
        async let first = manager.start(request)
        async let second = manager.start(request)
        let results = await [first, second]
        #expect(results.filter { $0 == .started }.count == 1)
        #expect(results.filter { $0 == .running }.count == 1)
        await manager.shutdownAll()
    }

    @Test func aServiceThatNeverOpensItsPortTimesOutAndIsStopped() async throws {
        try fixture.define("silent", #"{"command": "echo $$ > silent.pid; exec sleep 60"}"#)
        var settings = fixture.settings
        settings.launchTimeout = .seconds(1)
        let manager = fixture.manager(settings: settings)
        let started = ContinuousClock.now
        let result = await manager.start(ServiceRequest(name: "silent", port: try freePort(), protocol: "tcp"))
        #expect(result == .failed("opening the service port timed out: silent"))
        #expect(ContinuousClock.now - started < TimeBound.launchFailure)
        #expect(await isGone(try await fixture.pid(writtenTo: "silent.pid")))
        #expect(manager.state.withLock { $0.running.isEmpty })
    }

    @Test func shutdownServiceStopsItAndItCanStartAgain() async throws {
        try fixture.define("web", httpServerDefinition)
        let manager = fixture.manager()
        let port = try freePort()
        let request = ServiceRequest(name: "web", port: port, protocol: "http")
        #expect(await manager.start(request) == .started)
        await manager.shutdown("web")
        #expect(await !isListening(port))
        #expect(await manager.start(request) == .started)
        await manager.shutdown("not-running")
        await manager.shutdownAll()
    }

    @Test func aCrashedServiceCanStartAgain() async throws {
        try fixture.define("web", #"{"command": "echo $$ > web.pid; exec python3 -m http.server {ports[0]} --bind 127.0.0.1"}"#)
        let manager = fixture.manager()
        let port = try freePort()
        let request = ServiceRequest(name: "web", port: port, protocol: "http")
        #expect(await manager.start(request) == .started)
        kill(try await fixture.pid(writtenTo: "web.pid"), SIGKILL)
        #expect(await eventually { manager.state.withLock { $0.running.isEmpty } })
        #expect(await manager.start(request) == .started)
        await manager.shutdownAll()
    }

    @Test func reportsWhyAServiceCannotStart() async throws {
        let script = fixture.work + "/not-executable.sh"
        try "#!/bin/sh\n".write(toFile: script, atomically: true, encoding: .utf8)
        try fixture.define("missing", #"{"command": ["/no/such/server"]}"#)
        try fixture.define("noexec", "{\"command\": [\"\(script)\"]}")
        try fixture.define("quits", #"{"command": ["false"]}"#)
        try fixture.define("vscode", #"{"command": ["true"], "allowed_arguments": ["--auth"]}"#)
        let manager = fixture.manager()
        let port = try freePort()
        func start(_ name: String, protocol kind: String = "http", options: ServiceRequest.Options? = nil) async -> ServiceResult {
            await manager.start(ServiceRequest(name: name, port: port, protocol: kind, options: options))
        }
        #expect(await start("nope") == .failed("unsupported service: nope"))
        #expect(await start("missing") == .failed("the executable file is not found: /no/such/server"))
        #expect(await start("noexec") == .failed("the target file is not executable: \(script)"))
        #expect(await start("quits") == .failed("the process did not start properly: false (exit code 1)"))
        #expect(
            await start("vscode", options: .init(arguments: ["--evil": .null]))
                == .failed("argument --evil is not allowed for service vscode"))
        #expect(await start("anything", protocol: "pty") == .failed("not implemented yet"))
        #expect(await start("anything", protocol: "preopen") == .started)
        #expect(manager.state.withLock { $0.running.isEmpty })
    }

    @Test func noopDefinitionsAndLegacyTablesStart() async throws {
        struct Legacy: LegacyServiceProvider {
            func legacyService(named name: String, configuration: RunnerConfiguration) -> ServiceDefinition? {
                name == "legacy-web"
                    ? ServiceDefinition(command: .argv(["{runtime_path}", "-m", "http.server", "{ports[0]}", "--bind", "127.0.0.1"])) : nil
            }
        }
        try fixture.define("idle", #"{"noop": true}"#)
        let manager = fixture.manager(legacy: Legacy())
        let port = try freePort()
        #expect(await manager.start(ServiceRequest(name: "idle", port: port, protocol: "http")) == .started)
        #expect(manager.state.withLock { $0.running.isEmpty })
        #expect(await manager.start(ServiceRequest(name: "legacy-web", port: port, protocol: "http")) == .started)
        #expect(await manager.start(ServiceRequest(name: "other", port: port, protocol: "http")) == .failed("unsupported service: other"))
        await manager.shutdownAll()
    }

    @Test func getAppsListsTheDefinitions() throws {
        try fixture.define("web", httpServerDefinition)
        try fixture.define("vscode", #"{"command": ["code-server"], "allowed_envs": ["PASSWORD"]}"#)
        let manager = fixture.manager()
        #expect(manager.apps(named: "") == [AppInfo(name: "vscode", allowedEnvs: ["PASSWORD"]), AppInfo(name: "web")])
        #expect(manager.apps(named: "web") == [AppInfo(name: "web")])
    }

    @Test func shutdownAllKillsEveryServiceWithinTheGraceEvenIfItIgnoresSigterm() async throws {
        try fixture.define("web", #"{"command": "echo $$ > web.pid; exec python3 -m http.server {ports[0]} --bind 127.0.0.1"}"#)
        try fixture.define(
            "stubborn",
            #"{"command": "trap '' TERM; echo $$ > stubborn.pid; python3 -m http.server {ports[0]} --bind 127.0.0.1; sleep 60"}"#)
        let manager = fixture.manager()
        #expect(await manager.start(ServiceRequest(name: "web", port: try freePort(), protocol: "http")) == .started)
        #expect(await manager.start(ServiceRequest(name: "stubborn", port: try freePort(), protocol: "http")) == .started)
        let pids = [try await fixture.pid(writtenTo: "web.pid"), try await fixture.pid(writtenTo: "stubborn.pid")]
        let started = ContinuousClock.now
        await manager.shutdownAll()
        let elapsed = ContinuousClock.now - started
        #expect(elapsed < TimeBound.shutdown, "took \(elapsed)")
        for pid in pids {
            #expect(await isGone(pid, timeout: TimeBound.stoppedServiceGone), "pid \(pid) (or its group) is left")
        }
        #expect(
            await manager.start(ServiceRequest(name: "web", port: try freePort(), protocol: "http"))
                == .failed("the kernel runner is shutting down"))
    }

    @Test func shutdownAllDoesNotWaitForAStartStuckOnItsPort() async throws {
        try fixture.define("silent", #"{"command": "echo $$ > silent.pid; exec sleep 60"}"#)
        let manager = fixture.manager()
        let port = try freePort()
        let pending = Task { await manager.start(ServiceRequest(name: "silent", port: port, protocol: "tcp")) }
        let pid = try await fixture.pid(writtenTo: "silent.pid")
        let started = ContinuousClock.now
        await manager.shutdownAll()
        #expect(ContinuousClock.now - started < TimeBound.shutdown)
        #expect(await pending.value == .failed("the kernel runner is shutting down"))
        #expect(await isGone(pid))
    }
}
