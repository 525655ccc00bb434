import Foundation
import KernelProtocol
import ProcessSupervision
import TestSupport
import Testing

@Suite(
    "Services and shutdown over ZeroMQ", .timeLimit(.minutes(2)), .enabled(if: Toolchain.available("python3"), "python3 is not installed"))
struct ServiceEndToEndTests {
    /// Runs `body` with a daemon whose service definitions are `definitions`, with no intrinsic
    /// binaries (see ``withDaemon``).
    private func withServiceDaemon(
        definitions: [String: String], sourceLocation: SourceLocation = #_sourceLocation, _ body: (DaemonHarness) async throws -> Void
    ) async throws {
        let kernel = try TemporaryDirectory.make(prefix: "kr-kernel-")
        try await withDaemon(
            language: "c", arguments: ["--kernel-dir", kernel, "--ssh-key-dir", kernel + "/dropbear"],
            prepare: { work, _ in
                let directory = (work as NSString).deletingLastPathComponent + "/service-defs"
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                for (name, json) in definitions {
                    try json.write(toFile: "\(directory)/\(name).json", atomically: true, encoding: .utf8)
                }
            }, sourceLocation: sourceLocation, body)
    }

    private func reply(_ daemon: DaemonHarness) async throws -> OutboundMessage {
        try OutboundMessage(try #require(await daemon.client.next(timeout: TimeBound.hang(after: .seconds(40)))))
    }

    @Test func startServiceGetAppsAndShutdownService() async throws {
        try await withServiceDaemon(definitions: [
            "web":
                #"{"command": "echo $$ > web.pid; exec python3 -m http.server {ports[0]} --bind 127.0.0.1", "url_template": "http://{host}:{port}/"}"#
        ]) { daemon in
            let port = try freePort()
            let request = ServiceRequest(name: "web", port: port, ports: [port], protocol: "http", options: .init())
            try daemon.client.send(.startService(request))
            #expect(try await reply(daemon) == .serviceResult(.started), "\(daemon.log)")
            #expect(await isListening(port))
            try daemon.client.send(.startService(request))
            #expect(try await reply(daemon) == .serviceResult(.running))

            try daemon.client.send(.getApps(""))
            guard case .appsResult(let apps) = try await reply(daemon) else {
                Issue.record("no apps-result")
                return
            }
            #expect(apps.map(\.name) == ["web"])
            #expect(apps.first?.urlTemplate == "http://{host}:{port}/")

            try daemon.client.send(.shutdownService("web"))
            #expect(await eventually { await !isListening(port) })
            try daemon.client.send(.startService(ServiceRequest(name: "nope", port: port, protocol: "http")))
            #expect(try await reply(daemon) == .serviceResult(.failed("unsupported service: nope")))
        }
    }

    @Test func sigtermExitsWithinThreeSecondsWithARunBlockedOnInputAndServicesRunning() async throws {
        try await withServiceDaemon(definitions: [
            "stubborn":
                #"{"command": "trap '' TERM; echo $$ > stubborn.pid; python3 -m http.server {ports[0]} --bind 127.0.0.1; sleep 60"}"#
        ]) { daemon in
            let port = try freePort()
            try daemon.client.send(.startService(ServiceRequest(name: "stubborn", port: port, protocol: "http")))
            #expect(try await reply(daemon) == .serviceResult(.started), "\(daemon.log)")
            try daemon.client.send(.exec("echo $$ > run.pid; read line; echo never"))
            // The run is blocked on input once it asked for it.
            _ = try await daemon.next(.waitingInput)
            let runPid = try #require(await PIDFile.pid(in: daemon.workDirectory + "/run.pid"))
            let servicePid = try #require(await PIDFile.pid(in: daemon.workDirectory + "/stubborn.pid"))

            let (status, elapsed) = await daemon.stop()
            #expect(elapsed < TimeBound.shutdown, "shutdown took \(elapsed)\n\(daemon.log)")
            #expect(status?.reason == .exited(0), "\(String(describing: status))\n\(daemon.log)")
            #expect(await isGone(runPid, timeout: TimeBound.killedGroupGone), "the run's process group is left")
            #expect(await isGone(servicePid, timeout: TimeBound.killedGroupGone), "the service's process group is left")
            #expect(await !isListening(port))
        }
    }
}
