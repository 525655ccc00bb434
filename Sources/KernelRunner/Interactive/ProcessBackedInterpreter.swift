import KernelRunnerCore
import Logging
import ProcessSupervision
import SystemSupport

/// An ``InterpreterBackend`` that is one supervised process served by an I/O thread of its own
/// (the Python driver, a session driver, a Jupyter kernel): what only needs the process.
protocol ProcessBackedInterpreter: InterpreterBackend {
    var process: SupervisedProcess { get }
    /// Wakes the I/O thread.
    var wake: WakeupDescriptor { get }
    /// True once the interpreter said it is ready, false if it never will be.
    var readiness: Latch<Bool> { get }
    /// Stops the I/O thread, which then fails whatever is pending.
    func close()
    /// The process ended and its output is drained: release anything waiting for it.
    func processEnded()
}

extension ProcessBackedInterpreter {
    func kill() {
        process.kill()
    }

    func exitStatus(within timeout: Duration) async -> TerminationStatus? {
        await process.wait(timeout: timeout)
    }

    /// Hands a request to the I/O thread: `enqueue` stores it with its continuation under the
    /// state lock and says whether the interpreter still takes requests; if not, nil at once.
    func submit<Result: Sendable>(_ enqueue: (CheckedContinuation<Result?, Never>) -> Bool) async -> Result? {
        await withCheckedContinuation { continuation in
            if enqueue(continuation) {
                wake.signal()
            } else {
                continuation.resume(returning: nil)
            }
        }
    }

    /// Gives the process `patience` to end by itself (it was asked to), then terminates it.
    func awaitEnd(patience: Duration) async {
        if await process.wait(timeout: patience) == nil {
            await process.terminate(grace: .milliseconds(500))
        }
    }

    /// Watches for the process's end, then waits until the interpreter is ready. On a timeout
    /// or an early end it is killed and the error names it by `description`, `detail` saying why.
    func awaitStart(
        _ description: String, timeout: Duration, logger: Logger, detail: @Sendable () -> String = { "" }
    ) async throws(InteractiveError) {
        Task {
            let status = await process.wait()
            logger.info("\(name) ended: exit code \(status.exitCode)")
            processEnded()
        }
        guard await readiness.waitForReadiness(timeout: timeout) else {
            close()
            process.kill()
            let status = await process.wait(timeout: .seconds(2))
            throw InteractiveError(
                status == nil ? .startTimeout : .exitedDuringStart,
                "\(description) did not start" + (status.map { " (exit code \($0.exitCode))" } ?? "") + detail())
        }
    }
}
