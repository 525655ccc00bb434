import CSystem
import Glibc

/// An eventfd that other threads signal to wake a thread blocked in `poll` or `zmq_poll`.
///
/// It is a class: the descriptor is closed when the last owner lets go, so a late ``signal()``
/// can never write to a descriptor number that was reused meanwhile.
public final class WakeupDescriptor: Sendable {
    /// The descriptor to poll for readability.
    public let fileDescriptor: Int32

    public init() throws(SystemError) {
        fileDescriptor = krs_eventfd()
        guard fileDescriptor >= 0 else { throw SystemError(.eventDescriptor) }
    }

    deinit {
        close(fileDescriptor)
    }

    /// Wakes the poller. Never blocks: a counter at its maximum already means "signalled".
    public func signal() {
        var one: UInt64 = 1
        while write(fileDescriptor, &one, MemoryLayout<UInt64>.size) < 0 && errno == EINTR {}
    }

    /// Consumes every pending signal.
    public func drain() {
        var count: UInt64 = 0
        while read(fileDescriptor, &count, MemoryLayout<UInt64>.size) < 0 && errno == EINTR {}
    }
}
