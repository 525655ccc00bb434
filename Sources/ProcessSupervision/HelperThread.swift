import CSpawn
import Glibc

/// Starts detached OS threads for blocking work (reaping, poll loops), which must
/// not occupy Swift concurrency's small cooperative pool.
enum HelperThread {
    private final class Body {
        let name: String
        let run: @Sendable () -> Void
        init(name: String, run: @escaping @Sendable () -> Void) {
            self.name = name
            self.run = run
        }
    }

    /// Returns 0, or the `pthread_create` error.
    static func start(name: String, _ run: @escaping @Sendable () -> Void) -> Int32 {
        let body = Unmanaged.passRetained(Body(name: name, run: run)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let result = pthread_create(&thread, &attributes, { context in
            let body = Unmanaged<Body>.fromOpaque(context!).takeRetainedValue()
            krs_name_current_thread(body.name)
            // Signals are the signal thread's business; this also keeps a
            // write to a closed pipe from raising a process-wide SIGPIPE.
            krs_block_asynchronous_signals()
            body.run()
            return nil
        }, body)
        if result != 0 {
            Unmanaged<Body>.fromOpaque(body).release()
        }
        return result
    }
}
