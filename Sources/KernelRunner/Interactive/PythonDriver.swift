import KernelTransport
import Foundation
import KernelProtocol
import Logging
import ProcessSupervision
import Synchronization

/// One process of the built-in Python driver (``PythonDriverSource``): runs snippets in a
/// persistent namespace, with its stdin and stdout on a pty and stderr on a pipe like any run,
/// and a framed Unix-socket channel for requests and events.
///
/// A dedicated thread owns the socket (requests are queued and the thread woken), so no Swift
/// task ever blocks on it.
final class PythonDriver: InterpreterBackend {
    private struct State {
        var outbox: [UInt8] = []
        var execution: CheckedContinuation<Int?, Never>?
        /// The number of the latest snippet sent.
        var executionID = 0
        var completions: [Int: Latch<[String]>] = [:]
        var nextCompletionID = 0
        var isAlive = true
        var isClosing = false
    }

    /// How long an event waits for the output written before it (see ``OrderedOutput``).
    static let outputOrderingTimeout = Duration.seconds(10)
    /// How long completion may take; the caller still has to merge and reply within 100 ms.
    static let completionTimeout = Duration.milliseconds(60)

    let name = "the Python session"
    private let process: SupervisedProcess
    private let relay: RunRelay
    private let wake: Doorbell
    private let logger: Logger
    private let state = Mutex(State())
    /// True once the driver said it is ready, false if it never will be.
    let readiness = Latch<Bool>()

    init(process: SupervisedProcess, relay: RunRelay, wake: Doorbell, logger: Logger) {
        self.process = process
        self.relay = relay
        self.wake = wake
        self.logger = logger
    }

    deinit {
        wake.close()
    }

    var isAlive: Bool { state.withLock { $0.isAlive } }

    func execute(_ code: String, _ context: RunContext) async -> Int? {
        relay.route(to: context)
        defer { relay.route(to: nil) }
        return await withCheckedContinuation { continuation in
            let accepted = state.withLock { state in
                guard state.isAlive else { return false }
                state.executionID += 1
                state.execution = continuation
                state.outbox += DriverFrame.encode(.execute(id: state.executionID, code: code))
                return true
            }
            if accepted {
                wake.ring()
            } else {
                continuation.resume(returning: nil)
            }
        }
    }

    func complete(_ request: CompletionRequest) async -> [String]? {
        let latch = Latch<[String]>()
        let id: Int? = state.withLock { state in
            guard state.isAlive else { return nil }
            state.nextCompletionID += 1
            state.completions[state.nextCompletionID] = latch
            state.outbox += DriverFrame.encode(.complete(id: state.nextCompletionID, text: request.textBeforeCursor))
            return state.nextCompletionID
        }
        guard let id else { return nil }
        wake.ring()
        let matches = await latch.wait(timeout: Self.completionTimeout)
        state.withLock { _ = $0.completions.removeValue(forKey: id) }
        return matches
    }

    func interrupt() {
        // The driver signals its group itself: it knows whether the snippet has started, and
        // ignores an interrupt meant for one that has already ended.
        state.withLock { state in
            guard state.execution != nil else { return }
            state.outbox += DriverFrame.encode(.interrupt(id: state.executionID))
        }
        wake.ring()
    }

    func kill() {
        process.kill()
    }

    func exitStatus(within timeout: Duration) async -> TerminationStatus? {
        await process.wait(timeout: timeout)
    }

    func shutdown() async {
        close()
        // Without its socket the driver exits by itself; a snippet that blocks signals does not.
        if await process.wait(timeout: .seconds(1)) == nil {
            await process.terminate(grace: .milliseconds(500))
        }
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
        wake.ring()
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
        let (execution, completions) = state.withLock { state in
            state.isAlive = false
            defer {
                state.execution = nil
                state.completions = [:]
            }
            return (state.execution, state.completions.values)
        }
        readiness.fulfil(false)
        execution?.resume(returning: nil)
        completions.forEach { $0.fulfil([]) }
    }

    private func accept(_ listener: Int32, deadline: ContinuousClock.Instant) -> Int32? {
        while !state.withLock({ $0.isClosing }) {
            let remaining = deadline - .now
            guard remaining > .zero else {
                logger.error("the Python driver did not connect in time")
                return nil
            }
            var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0)]
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
                pollfd(fd: wake.readEnd, events: Int16(POLLIN), revents: 0),
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
                defer { state.execution = nil }
                return state.execution
            }
            execution?.resume(returning: event.exit ?? 1)
        case "completion":
            if let id = event.id {
                state.withLock { $0.completions.removeValue(forKey: id) }?.fulfil(event.matches ?? [])
            }
        default:
            logger.warning("the Python driver sent an unknown event \"\(event.op)\"")
        }
    }

    /// Emits the output the driver wrote before `event`.
    private func awaitOutput(before event: DriverFrame.Event) {
        relay.output.awaitMarks(event.marks ?? [], timeout: Self.outputOrderingTimeout) { $0.forEach(relay.forward) }
    }
}
