import Foundation
import KernelProtocol
import TestSupport
import Testing

@testable import KernelRunnerCore
@testable import KernelRunnerServices

@Suite("Model services", .timeLimit(.minutes(2)), .enabled(if: Toolchain.available("python3"), "python3 is not installed"))
struct ModelServiceTests {
    let fixture: ServiceFixture
    let modelPath: String

    init() throws {
        fixture = try ServiceFixture()
        modelPath = fixture.root + "/model"
        try FileManager.default.createDirectory(atPath: modelPath, withIntermediateDirectories: true)
        // Served from the model folder only if the server's cwd is the model path.
        try "ok".write(toFile: modelPath + "/health", atomically: true, encoding: .utf8)
    }

    private func request(port: Int, healthCheck: ModelServiceRequest.HealthCheck?) -> ModelServiceRequest {
        ModelServiceRequest(
            name: "llm",
            modelPath: modelPath,
            service: .init(
                startCommand: .shell("python3 -m http.server \(port) --bind 127.0.0.1"), shell: nil, port: port, healthCheck: healthCheck)
        )
    }

    @Test func healthCheckReportsHealthyOnceTheServerAnswers() async throws {
        let manager = fixture.manager()
        let frames = FrameRecorder()
        let port = try freePort()
        let check = ModelServiceRequest.HealthCheck(
            enable: true, path: "/health", expectedStatusCode: 200, interval: 0.2, maxRetries: 50, maxWaitTime: 1)
        await manager.startModel(request(port: port, healthCheck: check), send: frames.record)
        #expect(manager.state.withLock { $0.running["llm-\(port)"] != nil })
        let received = await frames.wait(for: 2)
        #expect(received == [.modelServiceResult(.started), .modelServiceStatus(modelName: "llm", isHealthy: true)])
        let started = ContinuousClock.now
        await manager.shutdownAll()
        #expect(ContinuousClock.now - started < TimeBound.shutdown)
        #expect(manager.state.withLock { $0.healthChecks.isEmpty })
    }

    @Test func failingHealthCheckTurnsUnhealthyAfterTheRetries() async throws {
        let manager = fixture.manager()
        let frames = FrameRecorder()
        let port = try freePort()
        let check = ModelServiceRequest.HealthCheck(
            enable: true, path: "/missing", expectedStatusCode: 200, interval: 0.1, maxRetries: 2, maxWaitTime: 1)
        await manager.startModel(request(port: port, healthCheck: check), send: frames.record)
        let received = await frames.wait(for: 2)
        #expect(received == [.modelServiceResult(.started), .modelServiceStatus(modelName: "llm", isHealthy: false)])
        await manager.shutdownAll()
    }

    @Test func withoutAHealthCheckItIsHealthyAtOnce() async throws {
        let manager = fixture.manager()
        let frames = FrameRecorder()
        let port = try freePort()
        await manager.startModel(request(port: port, healthCheck: .init(enable: false)), send: frames.record)
        #expect(frames.all == [.modelServiceResult(.started), .modelServiceStatus(modelName: "llm", isHealthy: true)])
        await manager.shutdownAll()
    }

    /// As in the original: a `health_check` without `enable` is not enabled.
    @Test func aHealthCheckWithoutEnableIsDisabled() async throws {
        let manager = fixture.manager()
        let frames = FrameRecorder()
        let port = try freePort()
        let check = try JSONDecoder().decode(
            ModelServiceRequest.HealthCheck.self, from: Data(#"{"path": "/missing", "max_retries": 0}"#.utf8))
        await manager.startModel(request(port: port, healthCheck: check), send: frames.record)
        #expect(frames.all == [.modelServiceResult(.started), .modelServiceStatus(modelName: "llm", isHealthy: true)])
        await manager.shutdownAll()
    }

    /// A model that is up answers `running`, as the original does, and keeps its one check.
    @Test func startingARunningModelAgainAnswersRunning() async throws {
        let manager = fixture.manager()
        let frames = FrameRecorder()
        let port = try freePort()
        let check = ModelServiceRequest.HealthCheck(
            enable: true, path: "/health", expectedStatusCode: 200, interval: 0.2, maxRetries: 50, maxWaitTime: 1)
        await manager.startModel(request(port: port, healthCheck: check), send: frames.record)
        let first = manager.state.withLock { $0.healthChecks["llm-\(port)"] }
        await manager.startModel(request(port: port, healthCheck: check), send: frames.record)
        #expect(
            frames.all.filter { if case .modelServiceResult = $0 { true } else { false } }
                == [.modelServiceResult(.started), .modelServiceResult(.running)])
        #expect(manager.state.withLock { $0.healthChecks["llm-\(port)"] } == first)
        await manager.shutdownAll()
    }

    @Test func aModelServerThatCannotStartIsReportedAsFailed() async throws {
        let manager = fixture.manager()
        let frames = FrameRecorder()
        var broken = request(port: try freePort(), healthCheck: nil)
        broken.service.startCommand = .argv(["/no/such/server"])
        await manager.startModel(broken, send: frames.record)
        #expect(frames.all == [.modelServiceResult(.failed("service failed to start"))])
    }
}
