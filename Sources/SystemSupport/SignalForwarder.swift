import CSystem
import Glibc

/// Turns signals (SIGTERM, SIGINT) into calls of a handler on a thread of its own, so what they
/// trigger — a graceful shutdown — runs as ordinary code, not inside a signal handler.
///
/// A real handler catches the signal on whatever thread the kernel picks, so none is lost. (A
/// `DispatchSource` needs the signal ignored or blocked in every thread; a thread started before
/// it that does not block it makes the kernel discard the signal.) One forwarder per process.
public final class SignalForwarder: Sendable {
    private let wakeup: WakeupDescriptor

    /// Installs the handlers and starts the thread that calls `handler` with each signal's number.
    public init(_ signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) throws(SystemError) {
        let wakeup = try WakeupDescriptor()
        self.wakeup = wakeup
        try OSThread.detach(name: "kr-signals") {
            var descriptor = pollfd(fd: wakeup.fileDescriptor, events: Int16(POLLIN), revents: 0)
            while true {
                guard poll(&descriptor, 1, -1) > 0 else { continue }
                wakeup.drain()
                handler(krs_last_forwarded_signal())
            }
        }
        let result = signals.withUnsafeBufferPointer { krs_forward_signals(wakeup.fileDescriptor, $0.baseAddress, Int32($0.count)) }
        guard result == 0 else { throw SystemError(.signalHandler, errno: result) }
    }
}
