import Glibc

/// A non-blocking pipe that producers write to so a thread blocked in `poll`/`zmq_poll` wakes:
/// the transport thread here, and the daemon's other poll loops (query sessions, the input
/// socket).
///
/// An eventfd would do as well but is not exported by the Glibc module; a pipe is as cheap here.
package struct Doorbell: Sendable {
    /// The end the sleeping thread polls for readability.
    package let readEnd: Int32
    private let writeEnd: Int32

    package init() throws(TransportError) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            throw TransportError(.doorbell, systemErrno: errno)
        }
        for end in ends {
            // Non-blocking: a full pipe already means "rung", and draining must stop when empty.
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    /// Wakes the poller. Never blocks.
    package func ring() {
        var byte: UInt8 = 1
        // EAGAIN means the pipe is full, i.e. the poller is already due to wake; EINTR is retried.
        while write(writeEnd, &byte, 1) == -1 && errno == EINTR {}
    }

    /// Consumes all pending rings.
    package func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(readEnd, &buffer, buffer.count)
            if count > 0 || (count == -1 && errno == EINTR) {
                continue
            }
            return
        }
    }

    /// Closes both ends. Call once, after the last ``ring()``.
    package func close() {
        _ = Glibc.close(readEnd)
        _ = Glibc.close(writeEnd)
    }
}
