import Glibc
public import KernelRunnerCore
public import KernelRunnerServices
public import Logging
import ProcessSupervision
import Synchronization

/// What the daemon does once at startup besides serving (spec §1, step 5): run the user's
/// `bootstrap.sh`, then start the intrinsic services whose binaries the agent mounted.
public final class ContainerBoot: Sendable {
    private let script: BootstrapScript
    private let settings: ServiceSettings
    private let ports: IntrinsicPorts
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var bootstrap: SupervisedProcess?
        var isStopped = false
    }

    /// Prepares the boot steps.
    ///
    /// - Parameter ports: the `intrinsic-ports.json` overrides of the sshd and ttyd ports.
    public init(
        configuration: RunnerConfiguration, settings: ServiceSettings, environment: ChildEnvironment, ports: IntrinsicPorts, logger: Logger
    ) {
        script = BootstrapScript(
            path: configuration.workingDirectory + "/bootstrap.sh",
            workingDirectory: configuration.workingDirectory,
            environment: environment.variables,
            confinement: configuration.sandbox?.confinement(reportingTo: PolicyDenials()),
            logger: logger
        )
        self.settings = settings
        self.ports = ports
        self.logger = logger
    }

    /// Runs `bootstrap.sh` to its end, then starts the intrinsic services in the background
    /// (they wait up to 10 s for their ports; runs need not wait for them).
    ///
    /// Gate queued runs on this, not `status`: the original reads no request before its
    /// bootstrap ends, so a user's code never runs before the script that prepares it.
    public func start(services: any ServiceController) async {
        await runBootstrap()
        guard !state.withLock({ $0.isStopped }) else { return }
        for service in IntrinsicService.allCases {
            let binary = service.binary(in: settings)
            guard access(binary, X_OK) == 0 else {
                logger.info("\(service.rawValue) not started: \(binary) is not there")
                continue
            }
            let request = service.bootRequest(ports: ports)
            Task { [logger] in
                let result = await services.start(request)
                logger.info("intrinsic service \(service.rawValue) on port \(request.port ?? 0): \(result)")
            }
        }
    }

    /// Kills the bootstrap script if it is still running; intrinsic services are not started
    /// after this. Their processes are stopped by the service manager.
    public func stop() {
        let process = state.withLock { state in
            state.isStopped = true
            return state.bootstrap
        }
        process?.kill()
    }

    private func runBootstrap() async {
        guard script.exists else { return }
        let process: SupervisedProcess
        do {
            process = try script.spawn()
        } catch {
            logger.error("cannot run \(script.path): \(error)")
            return
        }
        let stopped = state.withLock { state in
            state.bootstrap = process
            return state.isStopped
        }
        if stopped { process.kill() }
        logger.info("running the user bootstrap script \(script.path)")
        let status = await process.wait()
        state.withLock { $0.bootstrap = nil }
        logger.info("the user bootstrap script has exited with code \(status.exitCode)")
    }
}
