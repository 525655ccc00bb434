import Glibc

/// A non-blocking pipe that wakes a thread blocked in `poll`: other threads queue work for that
/// thread and then ring.
struct WakePipe: Sendable {
    /// The end the sleeping thread polls for readability.
    let readEnd: Int32
    private let writeEnd: Int32

    init() throws(InteractiveError) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            throw InteractiveError(.pipe, errno: errno, "cannot create a wake-up pipe")
        }
        for end in ends {
            // Children are spawned with only fds 0-2, so the window before FD_CLOEXEC leaks nothing.
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    /// Wakes the poller; never blocks (a full pipe already means "rung").
    func ring() {
        var byte: UInt8 = 1
        while write(writeEnd, &byte, 1) == -1 && errno == EINTR {}
    }

    /// Consumes every pending ring.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(readEnd, &buffer, buffer.count)
            guard count > 0 || (count == -1 && errno == EINTR) else { return }
        }
    }

    /// Closes both ends, after the last ring.
    func close() {
        _ = Glibc.close(readEnd)
        _ = Glibc.close(writeEnd)
    }
}
