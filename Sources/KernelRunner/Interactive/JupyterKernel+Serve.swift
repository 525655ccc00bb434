import Glibc
import KernelRunnerCore
import SystemSupport
import ZeroMQ

extension JupyterKernel {
    /// How often the handshake is retried and the heartbeat pinged.
    static let pollInterval = Duration.milliseconds(500)
    /// A kernel silent on the heartbeat this long is considered hung and killed.
    static let heartbeatTimeout = Duration.seconds(20)

    /// What the I/O thread tracks besides the shared state.
    private struct Loop {
        var isReady = false
        var hasKernelInfo = false
        var hasIOPub = false
        var hasStdin = false
        var nextPoll = ContinuousClock.now
        var lastHeartbeat = ContinuousClock.now
    }

    /// The I/O thread's body: connects, shakes hands, then moves messages until the kernel ends
    /// or ``close()`` is called; finally fails whatever is pending.
    func serve() {
        do {
            let channels = try JupyterChannels(connection, identity: Array(session.utf8))
            exchange(over: channels)
            channels.close()
        } catch {
            logger.error("cannot connect to \(name): \(error)")
        }
        let (execution, completions) = state.withLock { state in
            state.isAlive = false
            defer {
                state.execution = nil
                state.completions = [:]
                state.outgoing = []
            }
            return (state.execution, state.completions.values)
        }
        readiness.fulfil(false)
        execution?.continuation.resume(returning: nil)
        for completion in completions { completion.fulfil([]) }
        process.kill()
    }

    private func exchange(over channels: JupyterChannels) {
        var loop = Loop()
        let handshake = JupyterMessage("kernel_info_request", session: session, content: [:])
        // Sockets to read until empty before the next wait: their `ZMQ_FD` signals a change only
        // once a receive or send on them found nothing left to do (zmq_poll would ask each socket
        // for its events, one system call apiece, before and after every wait).
        var unsettled = Set(JupyterChannels.Readable.allCases)
        while true {
            let (outgoing, closing) = state.withLock { state in
                defer { state.outgoing = [] }
                return (state.outgoing, state.isClosing)
            }
            if closing { return }
            do throws(ZMQError) {
                for (channel, message) in outgoing {
                    try channels.socket(for: channel).send(message.frames(signedWith: signer))
                    unsettled.insert(channel.readable)
                }
                if ContinuousClock.now >= loop.nextPoll {
                    loop.nextPoll = .now + Self.pollInterval
                    // Neither may pile up while the kernel is slow, so neither waits for room.
                    if loop.isReady {
                        // The empty frame lets REP-style heartbeats (IRkernel, IJulia) answer too.
                        try channels.heartbeat.send([[], Array("ping".utf8)], blocking: false)
                        unsettled.insert(.heartbeat)
                    } else {
                        // Repeated until answered: the kernel may not listen yet, and the answer's
                        // IOPub status messages show that our subscription is live.
                        try channels.shell.send(handshake.frames(signedWith: signer), blocking: false)
                        unsettled.insert(.shell)
                    }
                }
                if unsettled.isEmpty {
                    unsettled = wait(for: channels, until: loop.nextPoll)
                }
                try receive(from: channels, unsettled, loop: &loop)
                unsettled = []
            } catch {
                logger.error("the connection to \(name) failed: \(error)")
                return
            }
            if loop.isReady, ContinuousClock.now - loop.lastHeartbeat > Self.heartbeatTimeout {
                logger.error("\(name) stopped answering heartbeats; killing it")
                return
            }
            if let lost = unacceptedExecution() {
                logger.error("\(name) did not take up a snippet within \(Self.acceptanceTimeout); killing it")
                lost.emit(.stderr(Array("kernel-runner: \(name) did not start the snippet within \(Self.acceptanceTimeout)\n".utf8)))
                return
            }
            if !loop.isReady, loop.hasKernelInfo, loop.hasIOPub, loop.hasStdin {
                loop.isReady = true
                loop.lastHeartbeat = .now
                readiness.fulfil(true)
            }
        }
    }

    /// Waits until a socket signals, ``close()`` or a request wakes the thread, or `deadline`;
    /// the sockets that signalled.
    private func wait(for channels: JupyterChannels, until deadline: ContinuousClock.Instant) -> Set<JupyterChannels.Readable> {
        var descriptors = [pollfd(fd: wake.fileDescriptor, events: Int16(POLLIN), revents: 0)]
        descriptors += channels.notifications.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let (seconds, attoseconds) = max(deadline - .now, .zero).components
        let timeout = Int32(clamping: seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
        guard poll(&descriptors, nfds_t(descriptors.count), timeout) > 0 else { return [] }
        if descriptors[0].revents != 0 {
            wake.drain()
        }
        return Set(JupyterChannels.Readable.allCases.filter { descriptors[1 + $0.rawValue].revents != 0 })
    }

    /// Reads `sockets` until each has nothing left.
    private func receive(
        from channels: JupyterChannels, _ sockets: Set<JupyterChannels.Readable>, loop: inout Loop
    ) throws(ZMQError) {
        if sockets.contains(.iopub) {
            try receiveIOPub(from: channels, loop: &loop)
        }
        if sockets.contains(.shell) {
            while let frames = try channels.shell.receive(blocking: false) {
                handleShell(decode(frames), hasKernelInfo: &loop.hasKernelInfo)
            }
        }
        if sockets.contains(.stdin) {
            while let frames = try channels.stdin.receive(blocking: false) {
                // Output sent before the prompt must reach the agent before `waiting-input`.
                try receiveIOPub(from: channels, loop: &loop)
                handleStdin(decode(frames))
            }
        }
        if sockets.contains(.control) {
            while try channels.control.receive(blocking: false) != nil {}
        }
        if sockets.contains(.heartbeat) {
            while try channels.heartbeat.receive(blocking: false) != nil {
                loop.lastHeartbeat = .now
            }
        }
        if sockets.contains(.stdinEvents) {
            while let event = try channels.stdinEvents.receiveEvent(blocking: false) {
                loop.hasStdin = loop.hasStdin || event.kind.contains(.handshakeSucceeded)
            }
        }
    }

    /// The run of a snippet the kernel has left untouched for longer than ``acceptanceTimeout``.
    private func unacceptedExecution() -> RunContext? {
        state.withLock { state in
            guard let execution = state.execution, !execution.isAccepted,
                ContinuousClock.now - execution.queuedAt > Self.acceptanceTimeout
            else { return nil }
            return execution.run
        }
    }

    private func receiveIOPub(from channels: JupyterChannels, loop: inout Loop) throws(ZMQError) {
        while let frames = try channels.iopub.receive(blocking: false) {
            loop.hasIOPub = true
            handleIOPub(decode(frames))
        }
    }

    private func decode(_ frames: [[UInt8]]) -> JupyterMessage? {
        do {
            return try JupyterMessage(frames: frames, verifiedWith: signer)
        } catch {
            logger.warning("ignored a message from \(name): \(error)")
            return nil
        }
    }
}
