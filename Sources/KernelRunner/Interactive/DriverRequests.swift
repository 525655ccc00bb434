import KernelRunnerCore
import SystemSupport

/// What callers of a driver process wait for (the Python driver, a session driver), kept under
/// the driver's state lock: the running snippet and the completion requests in flight.
struct DriverRequests {
    var execution: CheckedContinuation<StepOutcome?, Never>?
    /// False once the driver ended: nothing is accepted any more.
    private(set) var isAlive = true
    private var completions: [Int: Latch<[String]>] = [:]
    private var lastCompletionID = 0

    /// Registers a completion request; its id, or nil when the driver ended.
    mutating func addCompletion(_ latch: Latch<[String]>) -> Int? {
        guard isAlive else { return nil }
        lastCompletionID += 1
        completions[lastCompletionID] = latch
        return lastCompletionID
    }

    /// The completion request `id`, no longer waited for here.
    mutating func removeCompletion(_ id: Int) -> Latch<[String]>? {
        completions.removeValue(forKey: id)
    }

    /// Marks the driver ended and hands back what still waits, for ``Retired/release()``.
    mutating func retire() -> Retired {
        isAlive = false
        defer {
            execution = nil
            completions = [:]
        }
        return Retired(execution: execution, completions: Array(completions.values))
    }

    /// The requests a driver left unanswered when it ended.
    struct Retired {
        let execution: CheckedContinuation<StepOutcome?, Never>?
        let completions: [Latch<[String]>]

        /// Answers each: the snippet with nil (the interpreter died), completions with nothing.
        func release() {
            execution?.resume(returning: nil)
            for completion in completions { completion.fulfil([]) }
        }
    }
}
