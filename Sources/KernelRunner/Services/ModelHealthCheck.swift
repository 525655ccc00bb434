import KernelProtocol

/// Polls a model server's health endpoint and reports its transitions: healthy on the first
/// success, unhealthy once the first try and `maxRetries` retries in a row failed, and again on
/// every change after that.
///
/// The original needs one failure more (`maxRetries + 2`), and counts failures since the last
/// turn to healthy rather than in a row, so scattered failures of a healthy server add up to
/// "unhealthy"; here only consecutive failures do, which is what a retry count means.
struct ModelHealthCheck: Sendable {
    var modelName: String
    var port: Int
    var path: String
    var expectedStatusCode: Int
    var interval: Duration
    var maxRetries: Int
    /// The bound of each request.
    var maxWaitTime: Duration

    /// The check a request asks for; nil when it has none or does not enable it (a missing
    /// `enable` means disabled, as in the original). Missing fields take the agent's defaults.
    init?(_ request: ModelServiceRequest) {
        guard let check = request.service.healthCheck, check.enable == true else { return nil }
        let defaults = ModelServiceRequest.HealthCheck()
        modelName = request.name
        port = request.service.port
        path = check.path ?? defaults.path ?? "/"
        expectedStatusCode = check.expectedStatusCode ?? defaults.expectedStatusCode ?? 200
        // A zero interval would spin; the floor keeps a misconfigured check cheap.
        interval = Self.seconds(check.interval ?? defaults.interval ?? 10)
        maxRetries = check.maxRetries ?? defaults.maxRetries ?? 10
        maxWaitTime = Self.seconds(check.maxWaitTime ?? defaults.maxWaitTime ?? 15)
    }

    /// Polls until the calling task is cancelled, a try every `interval` starting at once;
    /// `report` gets each new health state.
    func run(report: @Sendable (Bool) -> Void) async {
        var healthy: Bool?
        var failures = 0
        var nextTry = ContinuousClock.now
        while !Task.isCancelled {
            nextTry += interval
            if await isHealthy() {
                failures = 0
                if healthy != true {
                    healthy = true
                    report(true)
                }
            } else {
                failures += 1
                if failures > maxRetries, healthy != false {
                    healthy = false
                    report(false)
                }
            }
            do {
                try await Task.sleep(until: max(nextTry, .now))
            } catch {
                return
            }
        }
    }

    private func isHealthy() async -> Bool {
        (try? await HTTPProbe.status(port: port, path: path, timeout: maxWaitTime)) == expectedStatusCode
    }

    private static func seconds(_ value: Double) -> Duration {
        .milliseconds(Int((max(value, 0.05) * 1000).rounded()))
    }
}
