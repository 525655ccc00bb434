import CSystem
import Synchronization

/// The FIFO of queued tasks between the receive loop and the worker.
///
/// Unlike an `AsyncStream`, whose buffer keeps the capacity of its longest backlog, the queue
/// lets go of its storage when a backlog has been taken, and after a large one hands the freed
/// heap back to the system (glibc keeps it for reuse otherwise): a burst of thousands of queued
/// requests leaves no lasting growth.
final class TaskQueue: Sendable {
    /// The smallest backlog worth a trim (a trim walks the whole heap, ~0.1 ms).
    static let trimThreshold = 64

    private struct State {
        var tasks: [QueuedTask] = []
        /// Where the next task is in `tasks`.
        var head = 0
        /// Tasks queued since the queue was last empty.
        var backlog = 0
        var isFinished = false
        /// The worker waiting for a task.
        var waiter: CheckedContinuation<QueuedTask?, Never>?
    }

    private let state = Mutex(State())

    init() {
        // Else the first large block freed makes later ones heap memory that a trim cannot return.
        krs_fix_mmap_threshold()
    }

    /// Queues a task; ignored after ``finish()``.
    func add(_ task: QueuedTask) {
        let waiter = state.withLock { state -> CheckedContinuation<QueuedTask?, Never>? in
            guard !state.isFinished else { return nil }
            guard let waiter = state.waiter else {
                state.tasks.append(task)
                state.backlog += 1
                return nil
            }
            state.waiter = nil
            return waiter
        }
        waiter?.resume(returning: task)
    }

    /// Ends the queue: ``next()`` returns nil from now on. A stopping daemon starts nothing new,
    /// so tasks not started yet are dropped (the original never starts them either); returns
    /// how many.
    @discardableResult
    func finish() -> Int {
        let (waiter, dropped) = state.withLock { state in
            state.isFinished = true
            defer {
                state.waiter = nil
                state.tasks = []
                state.head = 0
            }
            return (state.waiter, state.tasks.count - state.head)
        }
        waiter?.resume(returning: nil)
        return dropped
    }

    /// Whether the worker waits in ``next()`` for a task (tests check the hand-over to a waiting
    /// worker with it).
    var hasWaitingWorker: Bool {
        state.withLock { $0.waiter != nil }
    }

    /// The oldest task, waiting for one to be queued; nil once finished and empty. One caller
    /// at a time.
    func next() async -> QueuedTask? {
        await withCheckedContinuation { continuation in
            let (ready, trim): (QueuedTask??, Bool) = state.withLock { state in
                guard state.head < state.tasks.count else {
                    if state.isFinished { return (.some(nil), false) }
                    state.waiter = continuation
                    return (nil, false)
                }
                let task = state.tasks[state.head]
                state.head += 1
                guard state.head == state.tasks.count else {
                    // A queue that never runs empty still drops what it has served.
                    if state.head > Self.trimThreshold && state.head * 2 > state.tasks.count {
                        state.tasks.removeFirst(state.head)
                        state.head = 0
                    }
                    return (task, false)
                }
                defer { state.backlog = 0 }
                state.tasks = []
                state.head = 0
                return (task, state.backlog >= Self.trimThreshold)
            }
            if trim { krs_trim_heap() }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
