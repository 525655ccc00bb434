import ProcessSupervision
import SystemSupport

/// A service process the manager started, until it exits.
final class RunningService: Sendable {
    /// The name it is registered under.
    let name: String
    let process: SupervisedProcess
    /// Set when the run is over (main process gone, group killed, output drained).
    let exit = Latch<TerminationStatus>()

    init(name: String, process: SupervisedProcess) {
        self.name = name
        self.process = process
    }

    /// Fulfils ``exit`` when the process ends, then calls `onExit`.
    func watch(onExit: @escaping @Sendable (RunningService, TerminationStatus) -> Void) {
        Task {
            let status = await process.wait()
            exit.fulfil(status)
            onExit(self, status)
        }
    }

    /// SIGTERM to its group, SIGKILL after `grace`.
    func terminate(grace: Duration) async {
        guard exit.value == nil else { return }
        await process.terminate(grace: grace)
    }
}
