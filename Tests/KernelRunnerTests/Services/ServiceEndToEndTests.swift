import Foundation
import KernelProtocol
import ProcessSupervision
import Testing

@Suite("Services and shutdown over ZeroMQ", .timeLimit(.minutes(2)), .enabled(if: Toolchain.available("python3"), "python3 is not installed"))
struct ServiceEndToEndTests {
    /// A daemon whose service definitions are `definitions`, with no intrinsic binaries.
    private func startDaemon(definitions: [String: String]) async throws -> DaemonHarness {
        let kernel = try TemporaryDirectory.make(prefix: "kr-kernel-")
        return try await DaemonHarness.start(language: "c", arguments: ["--kernel-dir", kernel, "--ssh-key-dir", kernel + "/dropbear"]) { work, _ in
            let directory = (work as NSString).deletingLastPathComponent + "/service-defs"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for (name, json) in definitions {
                try json.write(toFile: "\(directory)/\(name).json", atomically: true, encoding: .utf8)
            }
        }
    }

    private func reply(_ daemon: DaemonHarness, _ op: String) async throws -> [String: Any] {
        let message = try #require(await daemon.client.next(timeout: .seconds(40)))
        #expect(message.opName == op)
        return try #require(try JSONSerialization.jsonObject(with: Data(message.payload)) as? [String: Any])
    }

    private func pid(in path: String) async -> pid_t? {
        for _ in 0..<500 {
            if let text = try? String(contentsOfFile: path, encoding: .utf8), let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return pid
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    @Test func startServiceGetAppsAndShutdownService() async throws {
        let daemon = try await startDaemon(definitions: [
            "web": #"{"command": "echo $$ > web.pid; exec python3 -m http.server {ports[0]} --bind 127.0.0.1", "url_template": "http://{host}:{port}/"}"#,
        ])
        defer { Task { await daemon.stop() } }
        let port = try freePort()
        let request = #"{"name": "web", "port": \#(port), "ports": [\#(port)], "protocol": "http", "options": {}}"#
        daemon.client.send("start-service", text: request)
        #expect(try await reply(daemon, "service-result")["status"] as? String == "started", "\(daemon.log)")
        #expect(await isListening(port))
        daemon.client.send("start-service", text: request)
        #expect(try await reply(daemon, "service-result")["status"] as? String == "running")

        daemon.client.send("get-apps")
        let apps = try await reply(daemon, "apps-result")
        #expect(apps["status"] as? String == "done")
        let entries = try #require(apps["data"] as? [[String: Any]])
        #expect(entries.map { $0["name"] as? String } == ["web"])
        #expect(entries.first?["url_template"] as? String == "http://{host}:{port}/")

        daemon.client.send("shutdown-service", text: #""web""#)
        #expect(await eventually { await !isListening(port) })
        daemon.client.send("start-service", text: #"{"name": "nope", "port": \#(port), "protocol": "http"}"#)
        let unsupported = try await reply(daemon, "service-result")
        #expect(unsupported["status"] as? String == "failed")
        #expect(unsupported["error"] as? String == "unsupported service: nope")
    }

    @Test func sigtermExitsWithinThreeSecondsWithARunBlockedOnInputAndServicesRunning() async throws {
        let daemon = try await startDaemon(definitions: [
            "stubborn": #"{"command": "trap '' TERM; echo $$ > stubborn.pid; python3 -m http.server {ports[0]} --bind 127.0.0.1; sleep 60"}"#,
        ])
        let port = try freePort()
        daemon.client.send("start-service", text: #"{"name": "stubborn", "port": \#(port), "protocol": "http"}"#)
        #expect(try await reply(daemon, "service-result")["status"] as? String == "started", "\(daemon.log)")
        daemon.client.send("exec", text: "echo $$ > run.pid; read line; echo never")
        let runPid = try #require(await pid(in: daemon.workDirectory + "/run.pid"))
        let servicePid = try #require(await pid(in: daemon.workDirectory + "/stubborn.pid"))
        try await Task.sleep(for: .milliseconds(200))

        let (status, elapsed) = await daemon.stop()
        #expect(elapsed < TimeBound.shutdown, "shutdown took \(elapsed)\n\(daemon.log)")
        #expect(status?.reason == .exited(0), "\(String(describing: status))\n\(daemon.log)")
        #expect(await isGone(runPid, timeout: .seconds(1)), "the run's process group is left")
        #expect(await isGone(servicePid, timeout: .seconds(1)), "the service's process group is left")
        #expect(await !isListening(port))
    }
}
