import Glibc
import KernelTransport
import Logging
import Synchronization
import SystemSupport

/// Serves the input socket of the Backend.AI input hook (`/tmp/bai-user-input.sock`): programs
/// preloaded with the hook print their prompt, connect, read the reply and close.
///
/// Per connection the current run sends `waiting-input` (JSON `{"is_password": false}`), the
/// run's next `input` is written in full (no 1024-byte limit here) and the connection closed.
/// With no run in progress the reply is `<user-input is unsupported>`, what the original answers
/// when it cannot take input; a run that ends before the user answers closes the connection
/// with an empty reply. One thread owns the listener and every connection.
final class InputSocketServer: Sendable {
    /// The reply when no run could take the request.
    static let unsupportedReply = Array("<user-input is unsupported>".utf8)
    /// The hook prints its prompt just before connecting, and the prompt reaches the agent
    /// through the run's output thread: give it this head start over `waiting-input`.
    static let promptHeadStart = Duration.milliseconds(25)

    private struct State {
        /// Replies for connections, by connection number, for the server thread to write.
        var replies: [(connection: Int, bytes: [UInt8])] = []
        var isStopping = false
    }

    private let path: String
    private let logger: Logger
    private let currentRun: @Sendable () -> RunContext?
    private let wake: WakeupDescriptor
    private let state = Mutex(State())

    /// Binds the socket (mode 0600, replacing a stale socket file) and starts serving.
    init(path: String, logger: Logger, currentRun: @escaping @Sendable () -> RunContext?) throws(SystemError) {
        self.path = path
        self.logger = logger
        self.currentRun = currentRun
        var existing = stat()
        if lstat(path, &existing) == 0 {
            // A socket file left by an earlier server; anything else is not ours to delete.
            guard existing.st_mode & S_IFMT == S_IFSOCK, unlink(path) == 0 else {
                throw SystemError(.socket, errno: EEXIST, path: path)
            }
        }
        let listener = try UnixSocket.listen(at: path, mode: 0o600, backlog: 16)
        do throws(SystemError) {
            wake = try WakeupDescriptor()
        } catch {
            close(listener)
            unlink(path)
            throw error
        }
        var bound = stat()
        lstat(path, &bound)
        let identity = (bound.st_dev, bound.st_ino)
        do throws(SystemError) {
            try OSThread.detach(name: "kr-input-socket") { [self] in serve(listener, identity: identity) }
        } catch {
            close(listener)
            unlink(path)
            throw error
        }
        logger.info("serving the input socket \(path)")
    }

    /// Closes every pending connection and the socket; idempotent, returns at once.
    func stop() {
        state.withLock { $0.isStopping = true }
        wake.signal()
    }

    // MARK: - Server thread

    private struct Connection {
        let fd: Int32
        /// When to ask the run for input; nil once asked.
        var askAt: ContinuousClock.Instant?
        /// What is left to write, once the reply is known.
        var reply: ArraySlice<UInt8>?
    }

    private func serve(_ listener: Int32, identity: (dev_t, ino_t)) {
        var connections: [Int: Connection] = [:]
        var nextNumber = 0
        while true {
            let (replies, stopping) = state.withLock { state in
                defer { state.replies = [] }
                return (state.replies, state.isStopping)
            }
            if stopping { break }
            for (number, bytes) in replies {
                if connections[number] == nil {
                    logger.notice("input for a hook connection that was closed meanwhile was discarded")
                }
                connections[number]?.reply = bytes[...]
            }
            let now = ContinuousClock.now
            for (number, connection) in connections {
                guard let askAt = connection.askAt, askAt <= now else { continue }
                connections[number]?.askAt = nil
                ask(for: number, &connections)
            }
            for (number, connection) in connections {
                guard let reply = connection.reply else { continue }
                if let rest = write(reply, to: connection.fd) {
                    connections[number]?.reply = rest
                } else {
                    close(connection.fd)
                    connections[number] = nil
                }
            }
            let numbers = Array(connections.keys)
            var fds = [
                pollfd(fd: listener, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.fileDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            fds += numbers.map { number in
                pollfd(fd: connections[number]!.fd, events: Int16(connections[number]!.reply == nil ? POLLIN : POLLOUT), revents: 0)
            }
            let nextAsk = connections.values.compactMap(\.askAt).min()
            let timeout = nextAsk.map { Int32(clamping: Int64((max($0 - .now, .zero) / .milliseconds(1)).rounded(.up))) } ?? -1
            guard poll(&fds, nfds_t(fds.count), timeout) >= 0 || errno == EINTR else {
                logger.error("the input socket server failed: \(String(cString: strerror(errno)))")
                break
            }
            wake.drain()
            for (index, number) in numbers.enumerated() where fds[index + 2].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                // The hook never sends anything: readable means it hung up.
                guard UnixSocket.receive(connections[number]!.fd) == nil else { continue }
                close(connections[number]!.fd)
                connections[number] = nil
            }
            while let fd = UnixSocket.accept(listener) {
                nextNumber += 1
                connections[nextNumber] = Connection(fd: fd, askAt: .now + Self.promptHeadStart)
            }
        }
        for connection in connections.values {
            close(connection.fd)
        }
        close(listener)
        var current = stat()
        // Another server may have replaced the file meanwhile; only our own goes.
        if lstat(path, &current) == 0, current.st_dev == identity.0, current.st_ino == identity.1 {
            unlink(path)
        }
    }

    /// Asks the run in progress for input on behalf of connection `number`.
    private func ask(for number: Int, _ connections: inout [Int: Connection]) {
        guard let run = currentRun() else {
            logger.notice("a program asked for input on \(path) with no run in progress")
            connections[number]?.reply = Self.unsupportedReply[...]
            return
        }
        run.requestInput(isPassword: false) { [self] text in
            state.withLock { $0.replies.append((number, Array((text ?? "").utf8))) }
            wake.signal()
        }
    }

    /// Writes what the socket takes of `reply`; returns the rest, or nil when the connection is
    /// done (all written, or the peer is gone).
    private func write(_ reply: ArraySlice<UInt8>, to fd: Int32) -> ArraySlice<UInt8>? {
        guard !reply.isEmpty, let written = UnixSocket.send(fd, reply) else { return nil }
        let rest = reply.dropFirst(written)
        return rest.isEmpty ? nil : rest
    }
}
