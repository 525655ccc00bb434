import Glibc

/// A non-blocking TCP connection to `127.0.0.1`. Waits poll the socket between short sleeps,
/// so a probe never blocks one of the few cooperative threads and ends promptly on
/// cancellation.
final class LoopbackConnection {
    private let descriptor: Int32
    /// Between readiness checks.
    private static let pollInterval = Duration.milliseconds(5)

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Connects to `127.0.0.1:port`.
    static func open(port: Int, deadline: ContinuousClock.Instant) async throws(ProbeError) -> LoopbackConnection {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw ProbeError(.socket, errno: errno) }
        let connection = LoopbackConnection(descriptor: descriptor)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(clamping: port)).bigEndian
        address.sin_addr.s_addr = in_addr_t(INADDR_LOOPBACK).bigEndian
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result == 0 { return connection }
        guard errno == EINPROGRESS else { throw ProbeError(.connect, errno: errno) }
        try await connection.waitUntil(POLLOUT, deadline: deadline)
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &length) == 0 else {
            throw ProbeError(.connect, errno: errno)
        }
        guard error == 0 else { throw ProbeError(.connect, errno: error) }
        return connection
    }

    /// True when something accepts connections on `127.0.0.1:port` within `timeout`.
    static func isAccepting(port: Int, timeout: Duration) async -> Bool {
        (try? await open(port: port, deadline: .now + timeout)) != nil
    }

    /// Sends all of `bytes`.
    func send(_ bytes: [UInt8], deadline: ContinuousClock.Instant) async throws(ProbeError) {
        var rest = bytes[...]
        while !rest.isEmpty {
            let sent = rest.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent > 0 {
                rest = rest.dropFirst(sent)
            } else if errno == EAGAIN || errno == EINTR {
                try await waitUntil(POLLOUT, deadline: deadline)
            } else {
                throw ProbeError(.send, errno: errno)
            }
        }
    }

    /// Receives what is available (waiting for at least one byte); empty at end of stream.
    func receive(upTo count: Int, deadline: ContinuousClock.Instant) async throws(ProbeError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        while true {
            let received = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if received >= 0 { return Array(buffer.prefix(received)) }
            guard errno == EAGAIN || errno == EINTR else { throw ProbeError(.receive, errno: errno) }
            try await waitUntil(POLLIN, deadline: deadline)
        }
    }

    private func waitUntil(_ events: Int32, deadline: ContinuousClock.Instant) async throws(ProbeError) {
        while true {
            var entry = pollfd(fd: descriptor, events: Int16(events), revents: 0)
            if poll(&entry, 1, 0) > 0 { return }
            guard !Task.isCancelled else { throw ProbeError(.cancelled) }
            guard ContinuousClock.now < deadline else { throw ProbeError(.timeout) }
            try? await Task.sleep(for: Self.pollInterval)
        }
    }
}
