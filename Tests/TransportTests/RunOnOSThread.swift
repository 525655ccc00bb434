import SystemSupport

/// Runs `body` on a new OS thread (it may block, unlike a Swift concurrency task) and returns a
/// task that completes when the thread is done.
func runOnOSThread(_ body: @escaping @Sendable () -> Void) -> Task<Void, Never> {
    Task {
        await withCheckedContinuation { continuation in
            do {
                try OSThread.detach(name: "test-blocking") {
                    body()
                    continuation.resume()
                }
            } catch {
                preconditionFailure("cannot start a thread: \(error)")
            }
        }
    }
}
