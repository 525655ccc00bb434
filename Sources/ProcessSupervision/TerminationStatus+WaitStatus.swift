import Glibc

extension TerminationStatus {
    /// Decodes a `wait4` status (only terminations are waited for, never stops).
    init(waitStatus: Int32, usage: rusage, wallTime: Duration) {
        let signal = waitStatus & 0x7f
        let reason: Reason = signal == 0 ? .exited((waitStatus >> 8) & 0xff) : .signaled(signal)
        self.init(
            reason: reason,
            wallTime: wallTime,
            cpuTime: Duration(usage.ru_utime) + Duration(usage.ru_stime),
            maxRSSBytes: Int(usage.ru_maxrss) * 1024
        )
        coreDumped = signal != 0 && waitStatus & 0x80 != 0
    }
}

extension Duration {
    fileprivate init(_ time: timeval) {
        self = .seconds(Int64(time.tv_sec)) + .microseconds(Int64(time.tv_usec))
    }
}
