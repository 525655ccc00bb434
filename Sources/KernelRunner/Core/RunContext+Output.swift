package import KernelProtocol
package import ProcessSupervision

/// What the task's programs print, and what the daemon tells the user about the run.
extension RunContext {
    /// Records how a process of this task ended — a child, or a persistent interpreter that died
    /// during the task — for the terminal frame, and tells the user when the memory limit killed it.
    package func record(ended status: TerminationStatus) {
        state.withLock { $0.lastStatus = status }
        if status.memoryLimitKills > 0, let cap = limits.process.memoryBytes {
            let killed = status.memoryLimitKills == 1 ? "1 process" : "\(status.memoryLimitKills) processes"
            notice("memory limit of \(cap) bytes reached: the kernel killed \(killed) of the run")
        }
    }

    /// Writes a user-facing diagnostic on the run's stderr, prefixed like the original
    /// (`c-kernel: cannot find …`), and logs it.
    public func diagnostic(_ message: String) {
        logger.info("\(message)")
        // Runners call this from Swift concurrency: never wait for outbox space here.
        sink.send(.stderr(Array("\(logPrefix): \(message)\n".utf8)))
    }

    /// Writes the daemon's own notice about a limit on the run's stderr, on a line of its own.
    func notice(_ message: String) {
        sink.send(.stderr(Array("\nkernel-runner: \(message)\n".utf8)))
    }

    /// Logs a note in the daemon's own log only.
    public func log(_ message: String) {
        logger.info("\(message)")
    }

    /// Sends a frame of this task from an interpreter's I/O thread (never from a Swift task: it
    /// may block while the agent is slow). Output counts against the output limit.
    package func emit(_ message: OutboundMessage) {
        switch message {
        case .stdout(let bytes): forward(.stdout(bytes))
        case .stderr(let bytes): forward(.stderr(bytes))
        default: sink.sendBlocking(message)
        }
    }

    /// Sends output to the agent up to the output limit; past it, drops (the pump keeps draining
    /// so the child never blocks) and stops the run.
    func forward(_ output: ProcessOutput) {
        for frame in admit(output) {
            sink.sendBlocking(frame)
        }
    }

    /// Sends output recorded earlier (a compile-cache hit's compiler warnings) from a Swift
    /// task, counted against the output limit like a child's; it is small, so it is queued
    /// without waiting for the agent.
    func replay(_ output: [ProcessOutput]) {
        for chunk in output {
            for frame in admit(chunk) {
                sink.send(frame)
            }
        }
    }

    /// Whether `byteCount` more bytes of output stay within the output limit.
    func hasOutputRoom(for byteCount: Int) -> Bool {
        guard let cap = limits.outputBytes else { return true }
        return state.withLock { $0.forwardedBytes + byteCount <= cap }
    }

    /// The frames of `output` as far as the output limit lets it through, none if none of it;
    /// past the limit the run is stopped.
    private func admit(_ output: ProcessOutput) -> [OutboundMessage] {
        var bytes: [UInt8]
        switch output {
        case .stdout(let chunk), .stderr(let chunk): bytes = chunk
        }
        if let cap = limits.outputBytes {
            let (allowed, overflowed) = state.withLock { state in
                let allowed = max(0, min(bytes.count, cap - state.forwardedBytes))
                state.forwardedBytes += allowed
                state.droppedBytes += bytes.count - allowed
                return (allowed, bytes.count > allowed)
            }
            if overflowed {
                stop(.outputLimit)?.kill()
                guard allowed > 0 else { return [] }
                bytes.removeLast(bytes.count - allowed)
            }
        }
        // Interpreters hand over whole streams at once (ipykernel: megabytes); the contract is
        // 64 KiB frames, and the agent truncates a frame beyond 10 MiB.
        let limit = ProcessOutput.frameLimit
        let pieces = bytes.count > limit ? UTF8Boundary.pieces(of: bytes, atMost: limit).map(Array.init) : [bytes]
        return pieces.map { piece in
            switch output {
            case .stdout: .stdout(piece)
            case .stderr: .stderr(piece)
            }
        }
    }
}
