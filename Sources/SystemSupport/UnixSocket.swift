import Glibc

/// The few Unix-domain socket calls the driver channel and the input socket need.
public enum UnixSocket {
    /// A non-blocking, close-on-exec listening socket bound at `path` with the given mode.
    public static func listen(at path: String, mode: UInt32, backlog: Int32) throws(SystemError) -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        let bytes = Array(path.utf8)
        guard bytes.count < capacity else {
            throw SystemError(.socket, errno: ENAMETOOLONG, path: path)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: bytes)
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw SystemError(.socket, path: path) }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        // The mode is set before listen(): until then no client can connect.
        guard bound == 0, chmod(path, mode) == 0, Glibc.listen(fd, backlog) == 0 else {
            let error = errno
            close(fd)
            throw SystemError(.socket, errno: error, path: path)
        }
        return fd
    }

    /// Accepts a pending connection as a non-blocking, close-on-exec descriptor; nil when none is
    /// waiting.
    public static func accept(_ listener: Int32) -> Int32? {
        while true {
            let fd = Glibc.accept(listener, nil, nil)
            if fd >= 0 {
                // Children are spawned with only fds 0-2, so the window before FD_CLOEXEC leaks nothing.
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                return fd
            }
            if errno != EINTR { return nil }
        }
    }

    /// Writes as much of `bytes` as the socket takes without blocking; returns how many were
    /// written, or nil when the peer is gone.
    public static func send(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> Int? {
        while true {
            let count = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count >= 0 { return count }
            switch errno {
            case EINTR: continue
            case EAGAIN: return 0
            default: return nil
            }
        }
    }

    /// Reads what is available without blocking: nil at end of stream or on error, empty when
    /// nothing is waiting.
    public static func receive(_ fd: Int32, upTo limit: Int = 65536) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: limit)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 { return Array(buffer.prefix(count)) }
            if count == 0 { return nil }
            switch errno {
            case EINTR: continue
            case EAGAIN: return []
            default: return nil
            }
        }
    }
}
