import Glibc
import SystemSupport

extension SupervisedProcess {
    /// The end of the run, or nil when it did not end within `timeout` (it keeps running).
    public func wait(timeout: Duration) async -> TerminationStatus? {
        let latch = Latch<TerminationStatus>()
        Task { latch.fulfil(await wait()) }
        return await latch.wait(timeout: timeout)
    }

    /// SIGTERM to the whole group, then SIGKILL after `grace`; returns how it ended, or nil if
    /// even SIGKILL did not end it within a second (a process stuck in the kernel).
    @discardableResult
    public func terminate(grace: Duration) async -> TerminationStatus? {
        signalGroup(SIGTERM)
        if let status = await wait(timeout: grace) { return status }
        kill()
        return await wait(timeout: .seconds(1))
    }
}
