import Glibc
import KernelProtocol
import KernelRunnerCore
import KernelTransport
import Logging
import ProcessSupervision
import Synchronization
import SystemSupport

/// One process of the built-in Python driver (``PythonDriverSource``): runs snippets in a
/// persistent namespace, with its stdin and stdout on a pty and stderr on a pipe like any run,
/// and a framed Unix-socket channel for requests and events.
///
/// A dedicated thread owns the socket (requests are queued and the thread woken), so no Swift
/// task ever blocks on it.
final class PythonDriver: ProcessBackedInterpreter {
    private struct State {
        var outbox: [UInt8] = []
        var requests = DriverRequests()
        /// The number of the latest snippet sent.
        var executionID = 0
        var isClosing = false
    }

    /// How long an event waits for the output written before it (see ``OrderedOutput``).
    static let outputOrderingTimeout = Duration.seconds(10)
    /// How long completion may take; the caller still has to merge and reply within 100 ms.
    static let completionTimeout = Duration.milliseconds(60)

    let name = "the Python session"
    let process: SupervisedProcess
    private let relay: RunRelay
    let wake: WakeupDescriptor
    private let logger: Logger
    private let state = Mutex(State())
    /// True once the driver said it is ready, false if it never will be.
    let readiness = Latch<Bool>()

    init(process: SupervisedProcess, relay: RunRelay, wake: WakeupDescriptor, logger: Logger) {
        self.process = process
        self.relay = relay
        self.wake = wake
        self.logger = logger
    }

    var isAlive: Bool { state.withLock { $0.requests.isAlive } }

    func execute(_ code: String, _ context: RunContext) async -> StepOutcome? {
        relay.route(to: context)
        defer { relay.route(to: nil) }
        return await submit { continuation in
            state.withLock { state in
                guard state.requests.isAlive else { return false }
                state.executionID += 1
                state.requests.execution = continuation
                state.outbox += DriverFrame.encode(.execute(id: state.executionID, code: code))
                return true
            }
        }
    }

    func complete(_ request: CompletionRequest) async -> [String]? {
        let latch = Latch<[String]>()
        let id: Int? = state.withLock { state in
            guard let id = state.requests.addCompletion(latch) else { return nil }
            state.outbox += DriverFrame.encode(.complete(id: id, text: request.textBeforeCursor))
            return id
        }
        guard let id else { return nil }
        wake.signal()
        let matches = await latch.wait(timeout: Self.completionTimeout)
        state.withLock { _ = $0.requests.removeCompletion(id) }
        return matches
    }

    func interrupt() {
        // The driver signals its group itself: it knows whether the snippet has started, and
        // ignores an interrupt meant for one that has already ended.
        state.withLock { state in
            guard state.requests.execution != nil else { return }
            state.outbox += DriverFrame.encode(.interrupt(id: state.executionID))
        }
        wake.signal()
    }

    func shutdown() async {
        close()
        // Without its socket the driver exits by itself; a snippet that blocks signals does not.
        await awaitEnd(patience: .seconds(1))
    }

    // MARK: - Driven by the launcher and the I/O thread

    /// The process ended and its output is drained: release anything waiting for it.
    func processEnded() {
        relay.output.finish()
        close()
    }

    /// Stops the I/O thread, which then fails whatever is pending.
    func close() {
        state.withLock { $0.isClosing = true }
        wake.signal()
    }

    /// The I/O thread's body: accepts the driver's connection on `listener`, then serves it.
    func serve(listener: Int32, socketPath: String, deadline: ContinuousClock.Instant) {
        let connection = accept(listener, deadline: deadline)
        Glibc.close(listener)
        unlink(socketPath)
        if let connection {
            exchange(over: connection)
            Glibc.close(connection)
        }
        // Without its channel the driver is useless; what it wrote last still goes to the run.
        process.kill()
        relay.output.drain { $0.forEach(relay.forward) }
        let retired = state.withLock { $0.requests.retire() }
        readiness.fulfil(false)
        retired.release()
    }

    private func accept(_ listener: Int32, deadline: ContinuousClock.Instant) -> Int32? {
        while !state.withLock({ $0.isClosing }) {
            let remaining = deadline - .now
            guard remaining > .zero else {
                logger.error("the Python driver did not connect in time")
                return nil
            }
            var fds = [
                pollfd(fd: listener, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.fileDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            _ = poll(&fds, 2, Int32(clamping: Int64((remaining / .milliseconds(1)).rounded(.up))))
            wake.drain()
            if let connection = UnixSocket.accept(listener) {
                return connection
            }
        }
        return nil
    }

    /// Moves frames both ways until the driver hangs up or ``close()`` is called.
    private func exchange(over connection: Int32) {
        var decoder = DriverFrame.Decoder()
        var unsent: [UInt8] = []
        while true {
            let closing = state.withLock { state in
                unsent += state.outbox
                state.outbox = []
                return state.isClosing
            }
            if closing { return }
            if !unsent.isEmpty {
                guard let written = UnixSocket.send(connection, unsent[...]) else { return }
                unsent.removeFirst(written)
            }
            var fds = [
                pollfd(fd: connection, events: Int16(unsent.isEmpty ? POLLIN : POLLIN | POLLOUT), revents: 0),
                pollfd(fd: wake.fileDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            guard poll(&fds, 2, -1) >= 0 || errno == EINTR else { return }
            wake.drain()
            relay.output.takeReady().forEach(relay.forward)
            guard fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 else { continue }
            guard let bytes = UnixSocket.receive(connection) else { return }
            decoder.append(bytes)
            while true {
                do throws(InteractiveError) {
                    guard let event = try decoder.next() else { break }
                    handle(event)
                } catch {
                    // One bad frame is dropped; the framing itself is intact.
                    logger.error("\(error)")
                }
            }
        }
    }

    private func handle(_ event: DriverFrame.Event) {
        switch event.op {
        case "ready":
            readiness.fulfil(true)
        case "media":
            awaitOutput(before: event)
            if let type = event.type, let data = event.data {
                relay.emit(.media(Media(type: type, data: data)))
            }
            relay.output.release(event.marks ?? [])
        case "done":
            awaitOutput(before: event)
            relay.output.release(event.marks ?? [])
            let execution = state.withLock { state in
                defer { state.requests.execution = nil }
                return state.requests.execution
            }
            execution?.resume(returning: event.exit.map(StepOutcome.exited) ?? .failed)
        case "completion":
            if let id = event.id {
                state.withLock { $0.requests.removeCompletion(id) }?.fulfil(event.matches ?? [])
            }
        default:
            logger.warning("the Python driver sent an unknown event \"\(event.op)\"")
        }
    }

    /// Emits the output the driver wrote before `event`.
    private func awaitOutput(before event: DriverFrame.Event) {
        // The markers it waits for are written already.
        process.deliverOutputNow()
        relay.output.awaitMarks(event.marks ?? [], timeout: Self.outputOrderingTimeout) { $0.forEach(relay.forward) }
    }
}
