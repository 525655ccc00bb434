import Glibc
import KernelProtocol
import KernelRunnerCore
import Logging
import ProcessSupervision
import Synchronization
import SystemSupport

/// One interpreter running a ``SessionDriver``: cells go to it as files named on its `requests`
/// FIFO, its `events` FIFO says when each ended and how; stdin and stdout are a terminal and
/// stderr a pipe like any run, so input, output streaming and the programs a cell starts behave
/// as in `exec`.
///
/// A dedicated thread owns both FIFOs (requests are queued and the thread woken), so no Swift
/// task ever blocks on them.
final class ReplDriver: ProcessBackedInterpreter {
    private struct State {
        var outbox: [UInt8] = []
        var requests = DriverRequests()
        /// The latest cell sent, and its file (removed once it ended).
        var cell: SessionDriver.Cell?
        /// The cell's stderr showed one of the driver's failure markers.
        var sawFailure = false
        /// The end of the stderr seen so far, where a failure marker split across chunks starts.
        var stderrTail: [UInt8] = []
        /// The markers per stream at the end of the latest cell: the next starts with one more.
        var marks = [0, 0]
        var isClosing = false
    }

    /// How long an event waits for the output written before it (see ``OrderedOutput``).
    static let outputOrderingTimeout = Duration.seconds(10)
    /// How long completion may take; the caller still has to merge and reply within 100 ms.
    static let completionTimeout = Duration.milliseconds(60)

    let name: String
    let driver: SessionDriver
    /// The FIFOs' directory; removed when the interpreter ends.
    let channel: String
    let process: SupervisedProcess
    private let relay: RunRelay
    let wake: WakeupDescriptor
    private let logger: Logger
    private let state = Mutex(State())
    /// True once the driver said it is ready, false if it never will be.
    let readiness = Latch<Bool>()

    init(driver: SessionDriver, channel: String, process: SupervisedProcess, relay: RunRelay, wake: WakeupDescriptor, logger: Logger) {
        self.name = driver.name
        self.driver = driver
        self.channel = channel
        self.process = process
        self.relay = relay
        self.wake = wake
        self.logger = logger
    }

    var isAlive: Bool { state.withLock { $0.requests.isAlive } }

    func execute(_ code: String, _ context: RunContext) async -> StepOutcome? {
        let id = state.withLock { ($0.cell?.id ?? 0) + 1 }
        let marker = String(decoding: relay.output.marker, as: UTF8.self)
        let cell = SessionDriver.Cell(
            id: id, code: code, path: "\(channel)/cell-\(id).\(driver.cellExtension)", channel: channel, marker: marker)
        do throws(InteractiveError) {
            try FileSystem.writePrivate(driver.cellText?(code) ?? code, to: cell.path)
        } catch {
            context.diagnostic("cannot hand the cell to \(name): \(error)")
            return .runnerFailure
        }
        relay.route(to: context)
        defer { relay.route(to: nil) }
        let request = driver.encodeCell?(cell) ?? "run \(id) \(cell.path)\n"
        return await submit { continuation in
            state.withLock { state in
                guard state.requests.isAlive else { return false }
                state.cell = cell
                state.requests.execution = continuation
                state.sawFailure = false
                state.stderrTail = []
                state.outbox += Array(request.utf8)
                return true
            }
        }
    }

    func complete(_ request: CompletionRequest) async -> [String]? {
        // The driver reads requests between cells only; meanwhile the fallback answers.
        let word = String(request.textBeforeCursor.reversed().prefix { !$0.isWhitespace && $0 != "(" }.reversed().prefix(200))
        guard driver.completes, !word.isEmpty else { return nil }
        let latch = Latch<[String]>()
        let id: Int? = state.withLock { state in
            guard state.requests.execution == nil, let id = state.requests.addCompletion(latch) else { return nil }
            state.outbox += Array("complete \(id) \(word)\n".utf8)
            return id
        }
        guard let id else { return nil }
        wake.signal()
        let matches = await latch.wait(timeout: Self.completionTimeout)
        state.withLock { _ = $0.requests.removeCompletion(id) }
        return matches
    }

    func interrupt() {
        // Only while a cell runs: each driver survives a SIGINT between cells, but one meant for
        // a cell that ended must not reach the next.
        guard state.withLock({ $0.requests.execution != nil }) else { return }
        process.signalGroup(SIGINT)
    }

    func shutdown() async {
        close()
        // Without its requests FIFO the driver exits by itself; a cell that blocks signals does not.
        await awaitEnd(patience: .seconds(1))
        // The I/O thread removes it too, but may not get there before the daemon exits.
        FileSystem.removeTree(channel)
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

    /// The I/O thread's body: moves requests and events until the driver ends or ``close()``.
    func serve(requests: Int32, events: Int32) {
        exchange(requests: requests, events: events)
        Glibc.close(requests)
        Glibc.close(events)
        // Without its channel the driver is useless; what it wrote last still goes to the run.
        process.kill()
        relay.output.drain { $0.forEach(forward) }
        FileSystem.removeTree(channel)
        let retired = state.withLock { $0.requests.retire() }
        readiness.fulfil(false)
        retired.release()
    }

    private func exchange(requests: Int32, events: Int32) {
        var decoder = SessionEvent.Decoder()
        var unsent: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let closing = state.withLock { state in
                unsent += state.outbox
                state.outbox = []
                return state.isClosing
            }
            if closing { return }
            if !unsent.isEmpty {
                let written = unsent.withUnsafeBytes { Glibc.write(requests, $0.baseAddress, $0.count) }
                if written > 0 {
                    unsent.removeFirst(written)
                } else if written < 0 && errno != EAGAIN && errno != EINTR {
                    logger.error("cannot write to \(name): \(String(cString: strerror(errno)))")
                    return
                }
            }
            var fds = [
                pollfd(fd: events, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wake.fileDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: requests, events: Int16(unsent.isEmpty ? 0 : POLLOUT), revents: 0),
            ]
            guard poll(&fds, 3, -1) >= 0 || errno == EINTR else { return }
            wake.drain()
            relay.output.takeReady().forEach(forward)
            guard fds[0].revents & Int16(POLLIN) != 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { Glibc.read(events, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            decoder.append(buffer[..<count])
            while let line = decoder.next() {
                switch line {
                case .success(let event): handle(event)
                case .failure(let malformed): logger.error("\(name) sent a malformed event: \(malformed.text.prefix(200))")
                }
            }
        }
    }

    private func handle(_ event: SessionEvent) {
        switch event {
        case .ready:
            readiness.fulfil(true)
        case .done(let id, let exit, let marks):
            // The markers it waits for are written already.
            process.deliverOutputNow()
            relay.output.awaitMarks(marks, timeout: Self.outputOrderingTimeout) { $0.forEach(forward) }
            // What comes after the cell's end marker and before the next one's start marker is
            // not the next cell's (see ``OrderedOutput/release(_:discardingBefore:)``).
            let next = marks.map { $0 + 1 }
            relay.output.release(next, discardingBefore: next)
            let (execution, cell, failed, previous) = state.withLock { state in
                let previous = state.marks
                state.marks = marks
                guard state.cell?.id == id else {
                    return (CheckedContinuation<StepOutcome?, Never>?.none, SessionDriver.Cell?.none, false, previous)
                }
                defer { state.requests.execution = nil }
                return (state.requests.execution, state.cell, state.sawFailure, previous)
            }
            if marks != previous.map({ $0 + 2 }) {
                logger.error(
                    "\(name) wrote \(marks) markers by the end of cell \(id), \(previous) before it: each cell must write one as it starts and one as it ends"
                )
            }
            if let cell {
                unlink(cell.path)
                // As a run's leftovers: a background job must not write into the next cell.
                process.killDescendants()
            }
            execution?.resume(returning: exit == 0 && failed ? .failed : .exited(exit))
        case .completion(let id, let matches):
            state.withLock { $0.requests.removeCompletion(id) }?.fulfil(matches)
        }
    }

    /// Sends output to the run, noting the driver's failure markers on stderr.
    private func forward(_ output: ProcessOutput) {
        if case .stderr(let bytes) = output, !driver.failureMarkers.isEmpty {
            state.withLock { state in
                let text = String(decoding: state.stderrTail + bytes, as: UTF8.self)
                if driver.failureMarkers.contains(where: text.contains) { state.sawFailure = true }
                state.stderrTail = Array((state.stderrTail + bytes).suffix(64))
            }
        }
        relay.forward(output)
    }
}
