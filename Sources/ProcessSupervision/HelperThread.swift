import CSpawn
import Glibc

/// Runs blocking work (reaping, poll loops) on OS threads, which must not occupy Swift
/// concurrency's small cooperative pool.
///
/// A thread whose work is done waits for the next piece instead of ending (up to
/// ``idleLimit`` threads wait), so a run does not pay for creating and tearing down a thread.
enum HelperThread {
    /// How many threads without work wait for more; the others end.
    static let idleLimit = 2

    private final class Work: Sendable {
        let name: String
        let run: @Sendable () -> Void
        init(name: String, run: @escaping @Sendable () -> Void) {
            self.name = name
            self.run = run
        }
    }

    private struct Pool {
        var idleThreads = 0
        /// Work handed to waiting threads that none has taken yet.
        var handedOver: [Work] = []
    }

    private static let pool = ConditionLock(Pool())

    /// Runs `run` on a waiting thread or a new one. Returns 0, or the `pthread_create` error.
    static func start(name: String, _ run: @escaping @Sendable () -> Void) -> Int32 {
        let work = Work(name: name, run: run)
        let isHandedOver = pool.withLock { pool in
            guard pool.idleThreads > pool.handedOver.count else { return false }
            pool.handedOver.append(work)
            return true
        }
        if isHandedOver {
            pool.broadcast()
            return 0
        }
        let context = Unmanaged.passRetained(work).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        var thread = pthread_t()
        let result = pthread_create(&thread, &attributes, { context in
            // Signals are the signal thread's business; this also keeps a
            // write to a closed pipe from raising a process-wide SIGPIPE.
            krs_block_asynchronous_signals()
            var work: Work? = Unmanaged<Work>.fromOpaque(context!).takeRetainedValue()
            while work != nil {
                // Taken out, so nothing of the finished work stays alive while the thread waits.
                HelperThread.perform(work.take()!)
                work = HelperThread.waitForWork()
            }
            return nil
        }, context)
        if result != 0 {
            Unmanaged<Work>.fromOpaque(context).release()
        }
        return result
    }

    private static func perform(_ work: Work) {
        krs_name_current_thread(work.name)
        work.run()
    }

    /// The next work handed over, or nil when enough threads wait already.
    private static func waitForWork() -> Work? {
        let mayWait = pool.withLock { pool in
            guard pool.idleThreads < idleLimit else { return false }
            pool.idleThreads += 1
            return true
        }
        guard mayWait else { return nil }
        return pool.withLock(when: { !$0.handedOver.isEmpty }) { pool in
            pool.idleThreads -= 1
            return pool.handedOver.removeFirst()
        }
    }
}
