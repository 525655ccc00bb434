public import ProcessSupervision

/// Per-run limits: what the kernel applies to each child (rlimits) and to the run as a whole.
public struct RunLimits: Sendable, Equatable {
    /// rlimits applied to every spawned process.
    public var process: ResourceLimits

    /// No limits.
    public init(process: ResourceLimits = ResourceLimits()) {
        self.process = process
    }
}
