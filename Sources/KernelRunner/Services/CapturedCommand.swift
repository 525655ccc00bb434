import ProcessSupervision
import Synchronization

/// Runs a short helper program to completion and keeps its output (prestart `run_command`,
/// ssh key generation).
enum CapturedCommand {
    /// How the program ended and what it wrote.
    struct Result: Sendable {
        /// Nil when the program was killed for running longer than allowed.
        var status: TerminationStatus?
        var stdout: [UInt8]
        var stderr: [UInt8]
    }

    /// Output beyond this is dropped; helpers print little, and a runaway one must not
    /// exhaust the daemon's memory.
    static let outputLimit = 1 << 20

    /// Runs `spec` with pipes, killing it (whole group) after `timeout`.
    static func run(_ spec: ProcessSpec, timeout: Duration) async throws(SpawnError) -> Result {
        let buffers = Buffers()
        let process = try SupervisedProcess.spawn(spec, handlers: ProcessHandlers(output: buffers.append))
        let status = await process.wait(timeout: timeout)
        if status == nil {
            process.kill()
            _ = await process.wait(timeout: .seconds(1))
        }
        let (stdout, stderr) = buffers.contents
        return Result(status: status, stdout: stdout, stderr: stderr)
    }

    private final class Buffers: Sendable {
        private let storage = Mutex<(stdout: [UInt8], stderr: [UInt8])>(([], []))

        var contents: (stdout: [UInt8], stderr: [UInt8]) { storage.withLock { $0 } }

        func append(_ output: ProcessOutput) {
            storage.withLock { storage in
                switch output {
                case .stdout(let bytes): storage.stdout += bytes.prefix(CapturedCommand.outputLimit - storage.stdout.count)
                case .stderr(let bytes): storage.stderr += bytes.prefix(CapturedCommand.outputLimit - storage.stderr.count)
                }
            }
        }
    }
}
