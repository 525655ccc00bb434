import Glibc
import KernelRunnerCore
import KernelTransport
import Logging
import ProcessSupervision
import Synchronization
import SystemSupport

extension JupyterKernel {
    /// How long a kernel may take to come up (ipykernel imports a lot; the machine may be busy).
    static let startTimeout = Duration.seconds(60)

    /// Starts the kernel of `spec` with the language's runtime and environment and waits until it
    /// answers.
    static func launch(_ spec: KernelSpec, _ settings: QuerySessionSettings) async throws(InteractiveError) -> JupyterKernel {
        let connection = try JupyterConnection.allocate()
        let directory = try FileSystem.interactiveDirectory(prefix: "kernel-runner-jupyter-")
        let connectionFile = directory + "/kernel-\(spec.name).json"
        let wake: WakeupDescriptor
        do throws(InteractiveError) {
            try FileSystem.writePrivate(connection.fileContents(kernelName: spec.name), to: connectionFile)
            wake = try WakeupDescriptor.interactive()
        } catch {
            FileSystem.removeTree(directory)
            throw error
        }
        let command = spec.command(connectionFile: connectionFile, runtimePath: settings.runtimePath)
        // The kernel's own stdout/stderr are its log; the last of it explains a failed start.
        let log = Mutex<[UInt8]>([])
        let logger = settings.logger
        let handlers = ProcessHandlers(output: { output in
            let bytes =
                switch output {
                case .stdout(let bytes), .stderr(let bytes): bytes
                }
            logger.debug("\(spec.name): \(String(decoding: bytes, as: UTF8.self))")
            log.withLock { $0 = Array(($0 + bytes).suffix(2000)) }
        })
        let process: SupervisedProcess
        do {
            process = try SupervisedProcess.spawn(
                ProcessSpec(
                    executable: command[0],
                    arguments: Array(command.dropFirst()),
                    // JPY_PARENT_PID makes ipykernel exit by itself should the daemon die first.
                    environment: settings.environment.merging(spec.environment) { $1 }.merging(["JPY_PARENT_PID": String(getpid())]) { $1 },
                    workingDirectory: settings.workingDirectory,
                    standardIO: .pipes,
                    limits: settings.limits,
                    confinement: settings.confinement
                ),
                handlers: handlers
            )
        } catch {
            FileSystem.removeTree(directory)
            throw InteractiveError(.spawn, errno: error.errno, "cannot start the Jupyter kernel \(spec.name) (\(command[0])): \(error)")
        }
        let kernel = JupyterKernel(spec: spec, connection: connection, directory: directory, process: process, wake: wake, logger: logger)
        do throws(InteractiveError) {
            try OSThread.interactive(name: "kr-jupyter") { kernel.serve() }
        } catch {
            process.kill()
            FileSystem.removeTree(directory)
            throw error
        }
        try await kernel.awaitStart("the Jupyter kernel \(spec.name)", timeout: startTimeout, logger: logger) {
            let output = String(decoding: log.withLock { $0 }, as: UTF8.self)
            return output.isEmpty ? "" : ": \(output)"
        }
        logger.info("query mode uses the Jupyter kernel \(spec.name) (\(spec.displayName))")
        return kernel
    }
}
