import Glibc
import KernelRunnerCore
import KernelTransport
import Logging
import ProcessSupervision
import SystemSupport

extension PythonDriver {
    /// How long the driver may take to start (a loaded machine, a slow network filesystem).
    static let startTimeout = Duration.seconds(60)

    /// Writes the driver script to a private directory, starts it with the runtime, and waits
    /// until it connected and is ready.
    static func launch(_ settings: QuerySessionSettings) async throws(InteractiveError) -> PythonDriver {
        let directory = try FileSystem.interactiveDirectory(prefix: "kernel-runner-python-")
        // Python has read the script once it is ready; nothing in the directory is needed then.
        defer { FileSystem.removeTree(directory) }
        let script = directory + "/" + PythonDriverSource.fileName
        try FileSystem.writePrivate(PythonDriverSource.text, to: script)
        let socketPath = directory + "/driver.sock"
        let listener: Int32
        do {
            listener = try UnixSocket.listen(at: socketPath, mode: 0o600, backlog: 1)
        } catch {
            throw InteractiveError(.socket, errno: error.errno, "cannot listen on \(socketPath)")
        }
        let wake: WakeupDescriptor
        do {
            wake = try WakeupDescriptor.interactive()
        } catch {
            Glibc.close(listener)
            throw error
        }
        let token = (0..<16).map { _ in String(UInt8.random(in: 0...255), radix: 16) }.joined()
        let relay = RunRelay(output: OrderedOutput(token: token) { wake.signal() }, logger: settings.logger)
        var environment = settings.environment
        // Agg renders without a display; the driver turns plt.show() into PNG media.
        environment["MPLBACKEND"] = "Agg"
        let spec = ProcessSpec(
            executable: settings.runtimePath,
            arguments: [script, socketPath, token],
            environment: environment,
            workingDirectory: settings.workingDirectory,
            standardIO: .pseudoTerminal,
            limits: settings.limits,
            confinement: settings.confinement
        )
        let process: SupervisedProcess
        do {
            process = try SupervisedProcess.spawn(spec, handlers: relay.handlers)
        } catch {
            Glibc.close(listener)
            throw InteractiveError(.spawn, errno: error.errno, "cannot start \(settings.runtimePath): \(error)")
        }
        relay.attach(process)
        let driver = PythonDriver(process: process, relay: relay, wake: wake, logger: settings.logger)
        let deadline = ContinuousClock.now + startTimeout
        do throws(InteractiveError) {
            try OSThread.interactive(name: "kr-python-driver") {
                driver.serve(listener: listener, socketPath: socketPath, deadline: deadline)
            }
        } catch {
            process.kill()
            Glibc.close(listener)
            throw error
        }
        try await driver.awaitStart("the Python driver (\(settings.runtimePath))", timeout: startTimeout, logger: settings.logger)
        return driver
    }
}
