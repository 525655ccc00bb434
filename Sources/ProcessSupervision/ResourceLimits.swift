/// Resource limits applied to a run's main process (and inherited by its children).
///
/// Each limit sets both the soft and the hard value; `nil` keeps the daemon's own.
public struct ResourceLimits: Sendable, Equatable {
    /// CPU time in seconds (RLIMIT_CPU); the process is killed when it is used up.
    public var cpuSeconds: Int?
    /// Virtual address space in bytes (RLIMIT_AS).
    public var addressSpaceBytes: Int?
    /// Open file descriptors (RLIMIT_NOFILE).
    public var openFiles: Int?
    /// Processes the run may have at once: enforced by a pids control group where the
    /// daemon can create one (also for root), else by RLIMIT_NPROC (which counts every
    /// process of the user and does not bind root).
    public var processes: Int?
    /// Largest file the run may write, in bytes (RLIMIT_FSIZE).
    public var fileSizeBytes: Int?

    /// Creates limits; every limit defaults to "not set".
    public init(
        cpuSeconds: Int? = nil,
        addressSpaceBytes: Int? = nil,
        openFiles: Int? = nil,
        processes: Int? = nil,
        fileSizeBytes: Int? = nil
    ) {
        self.cpuSeconds = cpuSeconds
        self.addressSpaceBytes = addressSpaceBytes
        self.openFiles = openFiles
        self.processes = processes
        self.fileSizeBytes = fileSizeBytes
    }
}
