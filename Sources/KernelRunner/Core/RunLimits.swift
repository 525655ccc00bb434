public import ProcessSupervision

/// Per-run limits: rlimits the kernel applies to each child, and bounds the daemon enforces on
/// the task as a whole. Exceeding a task bound ends the run's whole process group.
public struct RunLimits: Sendable, Equatable {
    /// rlimits applied to every spawned process.
    public var process: ResourceLimits
    /// Wall-clock time a task may take.
    public var wallTime: Duration?
    /// stdout + stderr bytes a task may send; the rest is drained and dropped, with a notice.
    public var outputBytes: Int?

    /// No limits.
    public init(process: ResourceLimits = ResourceLimits(), wallTime: Duration? = nil, outputBytes: Int? = nil) {
        self.process = process
        self.wallTime = wallTime
        self.outputBytes = outputBytes
    }
}
