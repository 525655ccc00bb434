extension OSThread {
    /// Runs blocking `body` (file I/O, `fsync`) on a pooled thread and returns its result, so the
    /// calling Swift task suspends instead of blocking a thread of the cooperative pool. When no
    /// thread can be started, `body` runs on the caller's thread: late rather than never.
    public static func perform<Value: Sendable>(name: String, _ body: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            do {
                try detach(name: name) { continuation.resume(returning: body()) }
            } catch {
                continuation.resume(returning: body())
            }
        }
    }
}
