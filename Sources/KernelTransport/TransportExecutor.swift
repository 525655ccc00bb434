import SystemSupport

/// Runs Swift jobs on the transport thread, between its polls: a task that prefers it
/// (`Task(executorPreference:)`) takes a received message, and hands its reply to the outbox,
/// without waking another thread.
///
/// The daemon's request loop and task worker run here: a run then costs the thread hops to its
/// program's I/O thread and back, and nothing else. Jobs must not block (as on any executor);
/// what they do synchronously delays the sockets by as long. Once the transport has stopped,
/// jobs go to the global concurrent executor.
public final class TransportExecutor: TaskExecutor {
    private struct State {
        var jobs: [UnownedJob] = []
        var isClosed = false
    }

    /// A pthread mutex underneath: ThreadSanitizer follows the hand-over of jobs between threads.
    private let state = ConditionLock(State())
    private let doorbell: WakeupDescriptor
    /// The transport thread, which needs no doorbell: it looks at the queue before it polls.
    let transportThread = OwningThread()

    init(doorbell: WakeupDescriptor) {
        self.doorbell = doorbell
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let (isQueued, needsWakeup) = state.withLock { state -> (Bool, Bool) in
            guard !state.isClosed else { return (false, false) }
            state.jobs.append(job)
            return (true, !transportThread.isCurrent)
        }
        if needsWakeup {
            doorbell.signal()
        } else if !isQueued {
            globalConcurrentExecutor.enqueue(ExecutorJob(job))
        }
    }

    /// Whether jobs wait: the transport thread then polls without blocking.
    var hasQueuedJobs: Bool {
        state.withLock { !$0.jobs.isEmpty }
    }

    /// On the transport thread: runs the queued jobs and those they queue, for at most `rounds`
    /// rounds, so that the sockets get their turn.
    func runQueued(rounds: Int = 8) {
        let executor = asUnownedTaskExecutor()
        for _ in 0..<rounds {
            let jobs = state.withLock { state in
                defer { state.jobs = [] }
                return state.jobs
            }
            guard !jobs.isEmpty else { return }
            for job in jobs {
                job.runSynchronously(on: executor)
            }
        }
    }

    /// When the transport thread stops: queued and later jobs go to the global executor.
    func close() {
        let jobs = state.withLock { state in
            state.isClosed = true
            defer { state.jobs = [] }
            return state.jobs
        }
        for job in jobs {
            globalConcurrentExecutor.enqueue(ExecutorJob(job))
        }
    }
}
