/// How a run's main process ended, with its resource usage.
public struct TerminationStatus: Sendable, Equatable {
    /// Why the process ended.
    public enum Reason: Sendable, Equatable {
        /// It exited with this status.
        case exited(Int32)
        /// It was killed by this signal.
        case signaled(Int32)
    }

    /// Why the process ended.
    public var reason: Reason
    /// The exit status, or the negated signal number (asyncio's convention: -2 after SIGINT).
    public var exitCode: Int
    /// Time from spawn until the main process was reaped.
    public var wallTime: Duration
    /// User plus system CPU time of the process and the descendants it waited for.
    public var cpuTime: Duration
    /// Peak resident set size of the process or of its largest waited-for descendant.
    public var maxRSSBytes: Int
    /// Whether the signal that ended the process also dumped its core.
    public var coreDumped = false
    /// Processes of the run the kernel killed because the run reached its memory limit; only
    /// counted where a memory control group enforces ``ResourceLimits/memoryBytes``, else 0.
    public var memoryLimitKills = 0

    /// Creates a status; ``exitCode`` is derived from `reason`.
    public init(reason: Reason, wallTime: Duration, cpuTime: Duration, maxRSSBytes: Int) {
        self.reason = reason
        switch reason {
        case .exited(let status): exitCode = Int(status)
        case .signaled(let signal): exitCode = -Int(signal)
        }
        self.wallTime = wallTime
        self.cpuTime = cpuTime
        self.maxRSSBytes = maxRSSBytes
    }
}
