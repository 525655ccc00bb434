import CSystem
import Glibc

/// Starts the OS threads the daemon runs blocking work on (`zmq_poll`, `poll`, `waitid`):
/// blocking a Swift concurrency thread would starve the small cooperative pool.
///
/// Every thread blocks the asynchronous signals (the signal thread handles those, and a write
/// to a closed pipe never raises a process-wide SIGPIPE) and carries a name for `ps` and
/// debuggers.
public final class OSThread: Sendable {
    private let thread: pthread_t

    private init(thread: pthread_t) {
        self.thread = thread
    }

    /// Starts a joinable thread running `body`.
    ///
    /// - Parameter stackSize: bytes of stack; nil for the system default (8 MiB of address
    ///   space, resident only as far as it is used).
    public static func start(name: String, stackSize: Int? = nil, _ body: @escaping @Sendable () -> Void) throws(SystemError) -> OSThread {
        OSThread(thread: try create(Work(name: name, run: body, isPooled: false), stackSize: stackSize))
    }

    /// Runs `body` on a detached thread, reusing one that finished earlier work and waits for
    /// more (``idleLimit`` wait at most), so short-lived work does not pay for creating a thread.
    public static func detach(name: String, _ body: @escaping @Sendable () -> Void) throws(SystemError) {
        let work = Work(name: name, run: body, isPooled: true)
        if Pool.handOver(work) { return }
        _ = try create(work, stackSize: nil)
    }

    /// Whether the caller is this thread (joining itself would deadlock).
    public var isCurrent: Bool { pthread_equal(pthread_self(), thread) != 0 }

    /// Waits for the thread to finish. Call exactly once, for a thread made by ``start(name:stackSize:_:)``.
    public func join() {
        _ = pthread_join(thread, nil)
    }

    private static func create(_ work: Work, stackSize: Int?) throws(SystemError) -> pthread_t {
        let context = Unmanaged.passRetained(work).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        if work.isPooled {
            pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        }
        if let stackSize {
            pthread_attr_setstacksize(&attributes, max(stackSize, Int(PTHREAD_STACK_MIN)))
        }
        var thread = pthread_t()
        let result = pthread_create(
            &thread, &attributes,
            { context in
                krs_block_asynchronous_signals()
                var slot: Work? = Unmanaged<Work>.fromOpaque(context!).takeRetainedValue()
                var name: String?
                while OSThread.perform(taking: &slot, named: &name) {
                    slot = Pool.waitForWork()
                    if slot == nil { break }
                }
                return nil
            }, context)
        guard result == 0 else {
            Unmanaged<Work>.fromOpaque(context).release()
            throw SystemError(.threadStart, errno: result)
        }
        return thread
    }

    /// Runs the work in `slot`, which is emptied first so nothing of it stays alive while the
    /// thread waits for more; returns whether the thread may wait for more. The thread is
    /// renamed only when `name`, its current name, differs (a system call per run otherwise).
    private static func perform(taking slot: inout Work?, named name: inout String?) -> Bool {
        let work = slot.take()!
        if work.name != name {
            krs_name_current_thread(work.name)
            name = work.name
        }
        work.run()
        return work.isPooled
    }

    /// How many threads without work wait for more; the others end.
    public static let idleLimit = 2

    final class Work: Sendable {
        let name: String
        let run: @Sendable () -> Void
        /// Detached, and its thread may wait for more work afterwards.
        let isPooled: Bool

        init(name: String, run: @escaping @Sendable () -> Void, isPooled: Bool) {
            self.name = name
            self.run = run
            self.isPooled = isPooled
        }
    }
}
