import ArgumentParser
import KernelRunner
import ProcessSupervision

/// `--limit-*` flags: per-run limits applied to every child of every run.
struct LimitOptions: ParsableArguments {
    @Option(help: "Wall-clock seconds a task may take.")
    var limitWallTime: Double?

    @Option(help: "CPU seconds each process may use (RLIMIT_CPU).")
    var limitCpu: Int?

    @Option(
        help:
            "Memory of the whole run, e.g. 2G: a memory cgroup where possible (the kernel kills the run, reason memory), else the address space of each process (RLIMIT_AS)."
    )
    var limitMemory: ByteCount?

    @Option(help: "Open files per process (RLIMIT_NOFILE).")
    var limitOpenFiles: Int?

    @Option(help: "Processes a run may have at once (a pids cgroup where possible, else RLIMIT_NPROC).")
    var limitProcesses: Int?

    @Option(help: "Largest file a process may write, e.g. 1G (RLIMIT_FSIZE).")
    var limitFileSize: ByteCount?

    @Option(help: "stdout+stderr bytes a task may send, e.g. 64M; the rest is dropped with a notice and the run stopped.")
    var limitOutput: ByteCount?

    var runLimits: RunLimits {
        RunLimits(
            process: ResourceLimits(
                cpuSeconds: limitCpu,
                memoryBytes: limitMemory?.bytes,
                openFiles: limitOpenFiles,
                processes: limitProcesses,
                fileSizeBytes: limitFileSize?.bytes
            ),
            wallTime: limitWallTime.map { .milliseconds(Int64($0 * 1000)) },
            outputBytes: limitOutput?.bytes
        )
    }
}

/// A byte count with an optional binary suffix: `512`, `64K`, `16M`, `2G`.
struct ByteCount: ExpressibleByArgument {
    let bytes: Int

    init?(argument: String) {
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        var text = Substring(argument.uppercased())
        if text.hasSuffix("IB") || text.hasSuffix("B") { text = text.dropLast(text.hasSuffix("IB") ? 2 : 1) }
        let multiplier = text.last.flatMap { units[$0] } ?? 1
        if multiplier != 1 { text = text.dropLast() }
        guard let value = Int(text), value >= 0, value <= Int.max / multiplier else { return nil }
        bytes = value * multiplier
    }
}
