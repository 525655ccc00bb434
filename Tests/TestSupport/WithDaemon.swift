import ProcessSupervision
import Testing

/// Runs `body` with a daemon started as ``DaemonHarness/start(language:runtimePath:arguments:environment:prepare:)``
/// starts it, and stops it afterwards, also when `body` throws: SIGTERM, and the exit awaited.
///
/// A daemon that does not then exit with status 0 within ``TimeBound/shutdown`` — it crashed,
/// hung or failed at shutdown — is a test failure, recorded at `sourceLocation`. A test that
/// stops the daemon itself checks what `stop()` returned; the status is checked here again.
///
/// - Parameters:
///   - prepare: runs before the daemon starts, with the work and config directories.
///   - body: the test, with the running daemon.
/// - Returns: what `body` returned.
public func withDaemon<Value>(
    language: String,
    runtimePath: String? = nil,
    arguments: [String] = [],
    environment: [String: String] = [:],
    prepare: (_ workDirectory: String, _ configDirectory: String) throws -> Void = { _, _ in },
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: (DaemonHarness) async throws -> Value
) async throws -> Value {
    let daemon = try await DaemonHarness.start(
        language: language, runtimePath: runtimePath, arguments: arguments, environment: environment, prepare: prepare)
    let outcome: Result<Value, any Error>
    do {
        outcome = .success(try await body(daemon))
    } catch {
        outcome = .failure(error)
    }
    await expectCleanExit(of: daemon, sourceLocation: sourceLocation)
    return try outcome.get()
}

/// Stops `daemon` (if the test did not) and records a failure unless it exited with status 0
/// within ``TimeBound/shutdown``.
private func expectCleanExit(of daemon: DaemonHarness, sourceLocation: SourceLocation) async {
    let (status, elapsed) = await daemon.stop(timeout: TimeBound.shutdown)
    guard status?.reason != .exited(0) else { return }
    let ending = status.map { "ended with \($0.reason) after \(elapsed)" } ?? "did not exit within \(TimeBound.shutdown) and was killed"
    Issue.record("the daemon \(ending)\n\(daemon.log.suffix(8_000))", sourceLocation: sourceLocation)
}
