import ArgumentParser
import Dispatch

/// Runs ``KernelRunnerCommand`` with the main thread parked until it returns.
///
/// An `async` main would end the main thread in `dispatch_main()`, whose `pthread_exit` unwinds
/// its stack: that maps ~0.5 MiB of unwind tables (and libgcc's unwinder) for the daemon's whole
/// life. Nothing here runs on the main actor, so the thread has nothing else to do.
@main
enum EntryPoint {
    static func main() {
        let finished = DispatchSemaphore(value: 0)
        Task.detached {
            await KernelRunnerCommand.main()
            finished.signal()
        }
        finished.wait()
    }
}
