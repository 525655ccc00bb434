import SystemSupport

extension Latch where Value == Bool {
    /// Waits for an interpreter that is starting to report whether it is ready: false after
    /// `timeout`, and at once when the waiting task is cancelled (the daemon stops meanwhile), so
    /// the caller stops the half-started interpreter instead of waiting for it.
    func waitForReadiness(timeout: Duration) async -> Bool {
        await withTaskCancellationHandler {
            await wait(timeout: timeout) == true
        } onCancel: {
            fulfil(false)
        }
    }
}
