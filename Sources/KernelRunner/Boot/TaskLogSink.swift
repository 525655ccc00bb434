import Glibc
public import KernelProtocol
public import KernelRunnerCore
public import Logging
import Synchronization
import SystemSupport

/// Tees the output of runs into the kernel's task log (spec §6):
/// `<work>/.logs/task/<id[0:2]>/<id[2:4]>/<id[4:]>.log`, where `id` is `BACKENDAI_KERNEL_ID`
/// as 32 hex digits. The agent creates `<work>/.logs` when it wants the log; without it, or
/// without a kernel id, runs are not logged (the original fails every run in the latter case).
public final class TaskLogSink: MessageSink {
    private let sink: any MessageSink
    private let descriptor: Int32
    /// Serialises writes: stdout and stderr arrive from two I/O threads.
    private let writeLock = Mutex(())

    private init(sink: any MessageSink, descriptor: Int32) {
        self.sink = sink
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// `sink`, wrapped to log run output when the work directory asks for a task log.
    public static func wrap(_ sink: any MessageSink, workingDirectory: String, kernelID: String?, logger: Logger) -> any MessageSink {
        guard let path = path(workingDirectory: workingDirectory, kernelID: kernelID) else { return sink }
        do {
            try FileSystem.makeDirectory(FileSystem.directoryPart(of: path))
        } catch {
            logger.warning("task log disabled: cannot create the folder of \(path): \(error)")
            return sink
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            logger.warning("task log disabled: cannot open \(path): \(String(cString: strerror(errno)))")
            return sink
        }
        logger.info("logging run output to \(path)")
        return TaskLogSink(sink: sink, descriptor: descriptor)
    }

    /// Where the task log goes, or nil when there is to be none.
    public static func path(workingDirectory: String, kernelID: String?) -> String? {
        let logs = workingDirectory + "/.logs"
        guard FileSystem.isDirectory(logs), let kernelID, let id = normalized(kernelID)
        else { return nil }
        let characters = Array(id)
        return "\(logs)/task/\(String(characters[0..<2]))/\(String(characters[2..<4]))/\(String(characters[4...])).log"
    }

    public func send(_ message: OutboundMessage) {
        record(message)
        sink.send(message)
    }

    public func sendBlocking(_ message: OutboundMessage) {
        record(message)
        sink.sendBlocking(message)
    }

    private func record(_ message: OutboundMessage) {
        let bytes: [UInt8]
        switch message {
        case .stdout(let output), .stderr(let output): bytes = output
        default: return
        }
        writeLock.withLock { _ in
            var rest = bytes[...]
            while !rest.isEmpty {
                let written = rest.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
                if written < 0 && errno == EINTR { continue }
                // A full disk must not break the run; the agent still gets the output.
                guard written > 0 else { return }
                rest = rest.dropFirst(written)
            }
        }
    }

    /// A UUID (`8-4-4-4-12` hex digits) as the original's `uuid.UUID(id).hex`; other ids as
    /// given if they are safe as path components.
    private static func normalized(_ kernelID: String) -> String? {
        let bytes = Array(kernelID.utf8)
        let isUUID =
            bytes.count == 36
            && bytes.indices.allSatisfy { index in
                [8, 13, 18, 23].contains(index) ? bytes[index] == UInt8(ascii: "-") : Character(Unicode.Scalar(bytes[index])).isHexDigit
            }
        if isUUID {
            return kernelID.filter { $0 != "-" }.lowercased()
        }
        let safe = kernelID.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        return safe && kernelID.count > 4 ? kernelID : nil
    }
}
