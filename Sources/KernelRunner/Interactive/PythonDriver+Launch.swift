import KernelTransport
import Foundation
import Logging
import ProcessSupervision

extension PythonDriver {
    /// How long the driver may take to start (a loaded machine, a slow network filesystem).
    static let startTimeout = Duration.seconds(60)

    /// Writes the driver script to a private directory, starts it with the runtime, and waits
    /// until it connected and is ready.
    static func launch(_ settings: QuerySessionSettings) async throws(InteractiveError) -> PythonDriver {
        let directory = try PrivateDirectory.make(prefix: "kernel-runner-python-")
        // Python has read the script once it is ready; nothing in the directory is needed then.
        defer { PrivateDirectory.remove(directory) }
        let script = directory + "/" + PythonDriverSource.fileName
        try PrivateDirectory.write(PythonDriverSource.text, to: script)
        let socketPath = directory + "/driver.sock"
        let listener = try UnixSocket.listen(at: socketPath, mode: 0o600, backlog: 1)
        let wake: Doorbell
        do {
            wake = try Doorbell.interactive()
        } catch {
            Glibc.close(listener)
            throw error
        }
        let token = (0..<16).map { _ in String(UInt8.random(in: 0...255), radix: 16) }.joined()
        let relay = RunRelay(output: OrderedOutput(token: token) { wake.ring() }, logger: settings.logger)
        var environment = settings.environment
        // Agg renders without a display; the driver turns plt.show() into PNG media.
        environment["MPLBACKEND"] = "Agg"
        let spec = ProcessSpec(
            executable: settings.runtimePath,
            arguments: [script, socketPath, token],
            environment: environment,
            workingDirectory: settings.workingDirectory,
            standardIO: .pseudoTerminal,
            limits: settings.limits
        )
        let process: SupervisedProcess
        do {
            process = try SupervisedProcess.spawn(spec, handlers: relay.handlers)
        } catch {
            Glibc.close(listener)
            wake.close()
            throw InteractiveError(.spawn, errno: error.errno, "cannot start \(settings.runtimePath): \(error)")
        }
        relay.attach(process)
        let driver = PythonDriver(process: process, relay: relay, wake: wake, logger: settings.logger)
        let deadline = ContinuousClock.now + startTimeout
        let thread = Thread { driver.serve(listener: listener, socketPath: socketPath, deadline: deadline) }
        thread.name = "kr-python-driver"
        thread.start()
        Task {
            let status = await process.wait()
            settings.logger.info("the Python driver ended: exit code \(status.exitCode)")
            driver.processEnded()
        }
        guard await driver.readiness.waitForReadiness(timeout: startTimeout) else {
            driver.close()
            process.kill()
            let status = await process.wait(timeout: .seconds(2))
            throw InteractiveError(
                status == nil ? .startTimeout : .exitedDuringStart,
                "the Python driver (\(settings.runtimePath)) did not start" + (status.map { ", exit code \($0.exitCode)" } ?? ""))
        }
        return driver
    }
}
