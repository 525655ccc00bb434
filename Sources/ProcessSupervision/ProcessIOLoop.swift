import CSpawn
import CSystem
import Glibc
import InputDetection
import Logging

/// The body of a run's I/O thread: one `poll` loop over the output streams, the
/// input writer, the main process's pidfd and the wake-up eventfd, with idle-time input
/// detection.
final class ProcessIOLoop {
    /// How long output may still be drained after the main process exited,
    /// for the case that an escaped process keeps the streams open.
    static let drainTimeout = Duration.milliseconds(200)
    /// How long an output pipe is left alone after a read that found less than a full burst:
    /// a program writing in small pieces then yields one frame per interval, not one per
    /// write, and a fast writer fills the pipe meanwhile, so the next reads are full bursts.
    static let coalescingInterval = Duration.milliseconds(1)

    private let process: SupervisedProcess
    private let connections: StandardIOConnections
    private let handlers: ProcessHandlers
    private let buffer = UnsafeMutableRawBufferPointer.allocate(
        byteCount: OutputChannel.burstLimit, alignment: 1)
    private var channels: [OutputChannel]
    private var openDescriptors: Set<Int32>
    private var outgoing: [UInt8] = []
    private var echo = EchoFilter()
    private var tracker: InputRequestTracker?
    /// Made at the first check for an input request: most runs end before one.
    private lazy var probe = StandardInputIdentity(describing: connections.inputReader).map {
        StandardInputReadProbe(input: $0)
    }
    private var mainExit: TerminationStatus?
    private var drainDeadline: ContinuousClock.Instant?
    /// The signals an interrupt still escalates to, the next one due at `at`.
    private var escalation: (at: ContinuousClock.Instant, grace: Duration, signals: ArraySlice<Int32>)?
    private var interruptsSeen = 0

    init(process: SupervisedProcess, connections: StandardIOConnections, handlers: ProcessHandlers) {
        self.process = process
        self.connections = connections
        self.handlers = handlers
        // The terminal master (stdout itself, or beside a stdout pipe) echoes what the daemon
        // writes. Beside a pipe it goes first: what a program writes to its terminal is mostly a
        // prompt, and the terminal delivers it later than a pipe would.
        let master = connections.isTerminal ? connections.inputWriter : -1
        channels = [connections.terminalOutput, connections.output].filter { $0 >= 0 }.map { fd in
            OutputChannel(fileDescriptor: fd, isTerminal: fd == master, makeOutput: ProcessOutput.stdout)
        }
        channels.append(OutputChannel(fileDescriptor: connections.errorOutput, makeOutput: ProcessOutput.stderr))
        openDescriptors = Set(
            [
                connections.output, connections.terminalOutput, connections.errorOutput, connections.inputWriter,
                connections.inputReader,
            ].filter { $0 >= 0 })
        if process.acceptsInput {
            tracker = InputRequestTracker(now: .now)
        }
    }

    deinit {
        buffer.deallocate()
    }

    func run() {
        while !isFinished {
            var descriptors = pollDescriptors()
            let ready = poll(&descriptors, nfds_t(descriptors.count), pollTimeout(now: .now))
            if ready < 0 {
                let error = errno
                if error != EINTR {
                    Logger.processSupervision.error(
                        "poll failed", metadata: ["pid": "\(process.pid)", "errno": "\(error)"])
                    usleep(10_000)
                }
                continue
            }
            handle(descriptors)
            runDueTimers()
        }
        // Before the waiters have the status, so that a run they start next finds the terminal.
        let isTerminalRecycled = recycleTerminal()
        if let mainExit {
            process.finish(with: mainExit)
        }
        // After: releasing a terminal takes a while.
        for fd in openDescriptors {
            close(fd)
        }
        if connections.isTerminal, !isTerminalRecycled {
            TerminalReserve.refill()
        }
    }

    /// Hands the run's terminal to the reserve when its master was read to the end (no
    /// process has the slave open any more); true when the reserve took it.
    private func recycleTerminal() -> Bool {
        guard let terminal = channels.first(where: \.isTerminal), terminal.hasReachedEnd,
            TerminalReserve.recycle(master: terminal.fileDescriptor)
        else { return false }
        openDescriptors.remove(terminal.fileDescriptor)
        return true
    }

    private var isFinished: Bool {
        mainExit != nil && channels.allSatisfy { !$0.isOpen }
    }

    private var isWritingInput: Bool {
        mainExit == nil && !outgoing.isEmpty && openDescriptors.contains(connections.inputWriter)
    }

    private func pollDescriptors() -> [pollfd] {
        var descriptors = [
            pollfd(fd: process.wakeup.fileDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: mainExit == nil ? process.pidDescriptor : -1, events: Int16(POLLIN), revents: 0),
        ]
        for channel in channels where channel.isOpen && channel.restsUntil == nil {
            descriptors.append(pollfd(fd: channel.fileDescriptor, events: Int16(POLLIN), revents: 0))
        }
        if isWritingInput {
            // The terminal master is both an output and the input writer.
            if let index = descriptors.firstIndex(where: { $0.fd == connections.inputWriter }) {
                descriptors[index].events |= Int16(POLLOUT)
            } else {
                descriptors.append(pollfd(fd: connections.inputWriter, events: Int16(POLLOUT), revents: 0))
            }
        }
        return descriptors
    }

    private func pollTimeout(now: ContinuousClock.Instant) -> Int32 {
        let deadlines =
            [drainDeadline ?? tracker?.nextCheck, escalation?.at].compactMap { $0 }
            + channels.compactMap(\.restsUntil)
        guard let deadline = deadlines.min() else { return -1 }
        let (seconds, attoseconds) = (deadline - now).components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }

    private func handle(_ descriptors: [pollfd]) {
        if descriptors[1].revents != 0 {
            mainProcessExited(process.mainProcessExit(hasExited: true))
        }
        if descriptors[0].revents != 0 {
            process.wakeup.drain()
            absorb(process.takeControlUpdate())
        }
        let readable = Int16(POLLIN | POLLHUP | POLLERR)
        let writable = Int16(POLLOUT | POLLHUP | POLLERR)
        let woken = descriptors.dropFirst(2)
            .filter { $0.events & Int16(POLLIN) != 0 && $0.revents & readable != 0 }
            .map(\.fd)
        if !woken.isEmpty {
            // Resting pipes are read too, first if they come first: their data may be older.
            for index in channels.indices
            where channels[index].isOpen
                && (channels[index].restsUntil != nil || woken.contains(channels[index].fileDescriptor))
            {
                readAndDeliver(channel: index)
            }
        }
        // Re-checked: handling the wake-up may have ended input for good.
        let isWritable = descriptors.contains { $0.events & Int16(POLLOUT) != 0 && $0.revents & writable != 0 }
        if isWritable, isWritingInput {
            writeInput()
        }
    }

    private func absorb(_ update: SupervisedProcess.ControlUpdate) {
        if openDescriptors.contains(connections.inputWriter) {
            outgoing += update.input
        }
        if update.isInputRequestWithdrawn {
            tracker?.noteRequestWithdrawn(now: .now)
        }
        if !update.outputFlushes.isEmpty {
            deliverEverythingReadable()
            for flush in update.outputFlushes {
                flush()
            }
        }
        if mainExit == nil, update.interrupts > interruptsSeen {
            if interruptsSeen == 0 {
                escalation = (.now + update.interruptGrace, update.interruptGrace, [SIGTERM, SIGKILL])
            }
            // Interrupted again: the next signal is due now.
            if update.interrupts > 1, let pending = escalation {
                escalation = (.now, pending.grace, pending.signals)
            }
            interruptsSeen = update.interrupts
        }
    }

    private func mainProcessExited(_ exit: TerminationStatus) {
        mainExit = exit
        escalation = nil
        // From now on every stream is read as soon as it has data, up to its end.
        for index in channels.indices {
            channels[index].restsUntil = nil
        }
        drainDeadline = .now + Self.drainTimeout
        tracker = nil
        outgoing = []
        // Without the daemon's copy of the slave, the master reports EOF (EIO)
        // once the last process holding the terminal is gone.
        closeDescriptor(connections.inputReader)
        if !channels.contains(where: { $0.fileDescriptor == connections.inputWriter }) {
            closeDescriptor(connections.inputWriter)
        }
        // Mostly that is now: read it at once rather than after another poll.
        for index in channels.indices where channels[index].isTerminal && channels[index].isOpen {
            readAndDeliver(channel: index)
        }
    }

    private func closeDescriptor(_ fd: Int32) {
        if openDescriptors.remove(fd) != nil {
            close(fd)
        }
    }

    /// Reads one burst of a channel and delivers it; returns the bytes read.
    @discardableResult
    private func readAndDeliver(channel index: Int) -> Int {
        let count = channels[index].readBurst(into: buffer)
        channels[index].restsUntil = nil
        if count > 0 {
            let now = ContinuousClock.now
            tracker?.noteActivity(now: now)
            // A terminal buffers little and wakes us in batches already: only pipes rest.
            if count < OutputChannel.burstLimit, !channels[index].isTerminal, mainExit == nil {
                channels[index].restsUntil = now + Self.coalescingInterval
            }
        }
        var bytes = UnsafeRawBufferPointer(rebasing: buffer[..<count])
        if channels[index].isTerminal {
            bytes = UnsafeRawBufferPointer(rebasing: bytes[echo.echoLength(atStartOf: bytes)...])
        }
        if let chunk = channels[index].chunk(completing: bytes) {
            handlers.output(chunk)
        }
        return count
    }

    /// Reads and delivers what every stream holds now, resting or not.
    private func deliverEverythingReadable() {
        for index in channels.indices {
            while channels[index].isOpen, readAndDeliver(channel: index) == OutputChannel.burstLimit {}
        }
    }

    private func writeInput() {
        let fd = connections.inputWriter
        let written = outgoing.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if written > 0 {
            if connections.isTerminal && krs_terminal_echoes(connections.inputReader) == 1 {
                echo.expect(outgoing.prefix(written))
            }
            outgoing.removeFirst(written)
            tracker?.noteInputWritten(now: .now)
        } else if written < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
            // Nobody reads the input any more (EPIPE; EIO on a terminal).
            outgoing = []
        }
    }

    private func runDueTimers() {
        let now = ContinuousClock.now
        for index in channels.indices where channels[index].restsUntil.map({ now >= $0 }) == true {
            readAndDeliver(channel: index)
        }
        if let due = escalation, now >= due.at, let signal = due.signals.first {
            process.escalate(with: signal)
            let rest = due.signals.dropFirst()
            escalation = rest.isEmpty ? nil : (now + due.grace, due.grace, rest)
        }
        if let drainDeadline {
            guard now >= drainDeadline else { return }
            for index in channels.indices where channels[index].isOpen {
                readAndDeliver(channel: index)
                channels[index].abandon()
                if let rest = channels[index].chunk(completing: UnsafeRawBufferPointer(start: nil, count: 0)) {
                    handlers.output(rest)
                }
            }
            return
        }
        guard let nextCheck = tracker?.nextCheck, now >= nextCheck else { return }
        guard let probe else {
            // The run's stdin cannot be described: no request can be recognised.
            tracker = nil
            return
        }
        let isRequest =
            tracker?.check(
                now: now,
                isInputPending: { !outgoing.isEmpty || krs_has_unread_input(connections.inputReader) == 1 },
                isReaderBlocked: { probe.isBlockedReading(inProcessTreeOf: process.pid) }) ?? false
        guard isRequest else { return }
        // The prompt printed before the read must reach the handler first.
        deliverEverythingReadable()
        let isPassword = connections.isTerminal && krs_terminal_hides_input(connections.inputReader) == 1
        handlers.waitingForInput(isPassword)
    }
}
