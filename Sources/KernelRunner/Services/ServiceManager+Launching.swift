import Glibc
import KernelRunnerCore
import Logging
import ProcessSupervision

extension ServiceManager {
    /// Between port checks, as in the original.
    static let portPollInterval = Duration.milliseconds(100)
    /// The bound of one connection attempt; loopback answers at once unless the backlog is full.
    static let connectAttemptTimeout = Duration.milliseconds(200)

    /// Spawns the service, registers it, and waits for its port when `portWait` is given. On
    /// failure nothing of it is left running or registered.
    func launch(_ name: String, _ launch: ServiceLaunch, port: Int, portWait: Duration?) async throws(ServiceError) {
        let executable = launch.arguments[0]
        let spec = ProcessSpec(
            executable: executable,
            arguments: Array(launch.arguments.dropFirst()),
            environment: environment.merging(launch.environment) { $1 },
            workingDirectory: launch.workingDirectory ?? configuration.workingDirectory,
            // No task to report to: the refusals only show in the service's own failures.
            confinement: configuration.sandbox?.confinement(reportingTo: PolicyDenials())
        )
        let process: SupervisedProcess
        do {
            process = try SupervisedProcess.spawn(spec, handlers: .logging(to: logger, source: "service \(name)"))
        } catch {
            throw ServiceError(error, executable: executable)
        }
        let service = RunningService(name: name, process: process)
        guard register(service) else {
            process.kill()
            throw Self.shuttingDown
        }
        logger.info("service \(name) spawned (pid \(process.pid))")
        // At debug only: user arguments may carry secrets such as a password.
        logger.debug("service \(name) command: \(launch.arguments.joined(separator: " "))")
        service.watch { [weak self] service, status in
            self?.logger.info("service \(service.name) (pid \(service.process.pid)) exited with code \(status.exitCode)")
            self?.unregister(service)
        }
        guard let portWait else { return }
        do {
            try await waitForPort(port, of: service, executable: executable, timeout: portWait)
        } catch {
            await service.terminate(grace: settings.terminationGrace)
            unregister(service)
            throw error
        }
        logger.info("service \(name) is up on port \(port)")
    }

    /// Polls `127.0.0.1:port` until it accepts, the process exits, the daemon stops, or
    /// `timeout` passes.
    private func waitForPort(_ port: Int, of service: RunningService, executable: String, timeout: Duration) async throws(ServiceError) {
        let deadline = ContinuousClock.now + timeout
        while true {
            if await LoopbackConnection.isAccepting(port: port, timeout: Self.connectAttemptTimeout) { return }
            // Checked first: shutdown kills the process, which is no failure of the service.
            if state.withLock({ $0.isStopping }) { throw Self.shuttingDown }
            if let status = service.exit.value {
                throw ServiceError(.exitedEarly, "the process did not start properly: \(executable) (exit code \(status.exitCode))")
            }
            guard ContinuousClock.now < deadline else {
                throw ServiceError(.portTimeout, "opening the service port timed out: \(service.name)")
            }
            try? await Task.sleep(for: Self.portPollInterval)
        }
    }

    /// Adds the service to the running table, unless the daemon is stopping.
    private func register(_ service: RunningService) -> Bool {
        state.withLock { state in
            guard !state.isStopping else { return false }
            state.running[service.name] = service
            return true
        }
    }

    /// Removes the service if the table still holds this very instance (a restart may have
    /// registered a new one under the same name).
    func unregister(_ service: RunningService) {
        state.withLock { state in
            if state.running[service.name] === service {
                state.running[service.name] = nil
            }
        }
    }
}
