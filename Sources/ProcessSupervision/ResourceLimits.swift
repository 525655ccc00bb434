/// Resource limits applied to a run's main process (and inherited by its children).
///
/// Each limit sets both the soft and the hard value; `nil` keeps the daemon's own.
public struct ResourceLimits: Sendable, Equatable {
    /// CPU time in seconds (RLIMIT_CPU); the process is killed when it is used up.
    public var cpuSeconds: Int?
    /// Memory of the run in bytes: a memory control group's limit on the whole run where the
    /// daemon can create one (the kernel kills a process of the run when it is reached), else
    /// the address space of each process (RLIMIT_AS: allocations fail). Never both: RLIMIT_AS
    /// breaks runtimes that reserve much address space (Go, the JVM, Node).
    public var memoryBytes: Int?
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
        memoryBytes: Int? = nil,
        openFiles: Int? = nil,
        processes: Int? = nil,
        fileSizeBytes: Int? = nil
    ) {
        self.cpuSeconds = cpuSeconds
        self.memoryBytes = memoryBytes
        self.openFiles = openFiles
        self.processes = processes
        self.fileSizeBytes = fileSizeBytes
    }
}
