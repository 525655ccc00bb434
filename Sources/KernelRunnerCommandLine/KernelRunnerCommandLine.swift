import ArgumentParser
import Dispatch
import Glibc
public import KernelRunnerLanguages
import ProcessSupervision
import Synchronization

/// The `kernel-runner` command line (serve, client, languages) as a library, for image authors
/// whose executable registers runners of its own and keeps every flag of `kernel-runner`:
///
/// ```swift
/// @main enum Main {
///     static func main() {
///         var registry = LanguageRegistry.builtIn
///         registry.register(.init(name: "perl", defaultRuntimePath: "perl") { PerlRunner() })
///         KernelRunnerCommandLine.main(registry: registry)
///     }
/// }
/// ```
public enum KernelRunnerCommandLine {
    private static let languages = Mutex(LanguageRegistry.builtIn)

    /// The languages `serve` and `languages` know.
    static var registry: LanguageRegistry { languages.withLock { $0 } }

    /// Parses the process's arguments and runs the command, with the main thread parked until
    /// it returns; exits with the command's status.
    ///
    /// An `async` main would end the main thread in `dispatch_main()`, whose `pthread_exit`
    /// unwinds its stack: that maps ~0.5 MiB of unwind tables (and libgcc's unwinder) for the
    /// daemon's whole life. Nothing here runs on the main actor, so the thread has nothing else
    /// to do.
    public static func main(registry: LanguageRegistry = .builtIn) -> Never {
        // Before any thread starts, so that every thread inherits it.
        ProcessReaper.blockChildExits()
        languages.withLock { $0 = registry }
        let finished = DispatchSemaphore(value: 0)
        Task.detached {
            await KernelRunnerCommand.main()
            finished.signal()
        }
        finished.wait()
        exit(0)
    }
}
