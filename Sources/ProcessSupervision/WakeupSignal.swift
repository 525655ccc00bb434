import CSpawn
import Glibc

/// An eventfd that wakes a run's I/O thread from `poll`. It lives as long as the
/// run's ``SupervisedProcess``, so signalling never hits a reused descriptor.
final class WakeupSignal: Sendable {
    let fileDescriptor: Int32

    init() throws(SpawnError) {
        fileDescriptor = krs_eventfd()
        guard fileDescriptor >= 0 else { throw SpawnError(code: .pipe, errno: errno) }
    }

    deinit {
        close(fileDescriptor)
    }

    func signal() {
        var one: UInt64 = 1
        _ = write(fileDescriptor, &one, MemoryLayout<UInt64>.size)
    }

    func consume() {
        var count: UInt64 = 0
        _ = read(fileDescriptor, &count, MemoryLayout<UInt64>.size)
    }
}
