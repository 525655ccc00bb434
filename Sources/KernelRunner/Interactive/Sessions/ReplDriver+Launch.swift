import Glibc
import KernelRunnerCore
import Logging
import ProcessSupervision
import SystemSupport

extension ReplDriver {
    /// How long the interpreter may take to start (ghci and Octave take a second or two).
    static let startTimeout = Duration.seconds(60)

    /// Writes the driver and its FIFOs to a private directory, starts the interpreter, and waits
    /// until the driver said it is ready.
    static func launch(_ driver: SessionDriver, _ settings: QuerySessionSettings) async throws(InteractiveError) -> ReplDriver {
        let channel = try FileSystem.interactiveDirectory(prefix: "kernel-runner-\(driver.key)-")
        let (requests, events): (Int32, Int32)
        do throws(InteractiveError) {
            try FileSystem.writePrivate(
                driver.script.replacing("{channel}", with: channel), to: "\(channel)/\(driver.scriptName)")
            requests = try openFIFO(at: "\(channel)/requests")
            do throws(InteractiveError) {
                events = try openFIFO(at: "\(channel)/events")
            } catch {
                Glibc.close(requests)
                throw error
            }
        } catch {
            FileSystem.removeTree(channel)
            throw error
        }
        let token = (0..<16).map { _ in String(UInt8.random(in: 0...255), radix: 16) }.joined()
        let wake: WakeupDescriptor
        do {
            wake = try WakeupDescriptor.interactive()
        } catch {
            closeChannel(requests, events, channel)
            throw error
        }
        let logger = settings.logger
        let output = OrderedOutput(
            token: token,
            discard: { dropped in
                let bytes = dropped.flatMap { piece in
                    switch piece {
                    case .stdout(let bytes), .stderr(let bytes): bytes
                    }
                }
                logger.notice(
                    "\(driver.name) wrote \(bytes.count) bytes outside a cell (dropped): \(String(decoding: bytes.prefix(500), as: UTF8.self))"
                )
            }
        ) { wake.signal() }
        // Before the first cell's start marker: the interpreter's banner, or why the driver failed.
        output.release([1, 1], discardingBefore: [1, 1])
        let relay = RunRelay(output: output, logger: settings.logger)
        let substitute = { (argument: String) -> String in
            argument.replacing("{driver}", with: "\(channel)/\(driver.scriptName)").replacing("{channel}", with: channel)
        }
        let spec = ProcessSpec(
            executable: executable(of: driver, settings),
            arguments: driver.arguments.map(substitute),
            environment: settings.environment.merging(driver.environment) { current, _ in current },
            workingDirectory: settings.workingDirectory,
            standardIO: driver.standardIO,
            limits: settings.limits,
            confinement: settings.confinement
        )
        let process: SupervisedProcess
        do {
            process = try SupervisedProcess.spawn(spec, handlers: relay.handlers)
        } catch {
            closeChannel(requests, events, channel)
            throw InteractiveError(.spawn, errno: error.errno, "cannot start \(spec.executable): \(error)")
        }
        relay.attach(process)
        let session = ReplDriver(driver: driver, channel: channel, process: process, relay: relay, wake: wake, logger: settings.logger)
        // The driver reads the token before anything else, from the FIFO: not on its command line,
        // where every process of the machine could read it.
        let handshake = driver.handshake?(token, channel) ?? "\(token)\n"
        _ = handshake.utf8CString.withUnsafeBufferPointer { Glibc.write(requests, $0.baseAddress, $0.count - 1) }
        do throws(InteractiveError) {
            try OSThread.interactive(name: "kr-\(driver.key)-session") {
                session.serve(requests: requests, events: events)
            }
        } catch {
            process.kill()
            closeChannel(requests, events, channel)
            throw error
        }
        try await session.awaitStart("\(driver.name) (\(spec.executable))", timeout: startTimeout, logger: settings.logger)
        return session
    }

    /// The driver's interpreter: its own program next to the runtime when it names one (`ghci`
    /// beside `/opt/ghc/bin/ghc`), else by name on `PATH`; without one, the runtime.
    private static func executable(of driver: SessionDriver, _ settings: QuerySessionSettings) -> String {
        guard let program = driver.executable else { return settings.runtimePath }
        guard let slash = settings.runtimePath.lastIndex(of: "/") else { return program }
        let sibling = String(settings.runtimePath[...slash]) + program
        return access(sibling, X_OK) == 0 ? sibling : program
    }

    /// Creates a FIFO and opens it for reading and writing, never blocking: this end then neither
    /// waits for the driver to open the other, nor sees an end of file before it did.
    private static func openFIFO(at path: String) throws(InteractiveError) -> Int32 {
        guard mkfifo(path, 0o600) == 0 else {
            throw InteractiveError(.pipe, errno: errno, "cannot create the FIFO \(path)")
        }
        let fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw InteractiveError(.pipe, errno: errno, "cannot open the FIFO \(path)")
        }
        return fd
    }

    private static func closeChannel(_ requests: Int32, _ events: Int32, _ channel: String) {
        Glibc.close(requests)
        Glibc.close(events)
        FileSystem.removeTree(channel)
    }
}
