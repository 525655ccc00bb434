extension Task where Failure == Never {
    /// The task's value, or nil when it is not ready within `timeout`; the task keeps running.
    public func value(within timeout: Duration) async -> Success? {
        let latch = Latch<Success>()
        Task<Void, Never> { latch.fulfil(await self.value) }
        return await latch.wait(timeout: timeout)
    }
}
