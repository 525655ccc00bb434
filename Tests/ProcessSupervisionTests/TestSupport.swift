import Glibc
import ProcessSupervision
import Synchronization
import SystemSupport
import TestSupport

/// Records everything a run reports, in the order the handlers were called.
final class Recorder: Sendable {
    enum Event: Equatable {
        case output(ProcessOutput)
        case inputRequest(isPassword: Bool)
    }

    private let events = Mutex<[Event]>([])

    var handlers: ProcessHandlers {
        ProcessHandlers(
            output: { output in self.events.withLock { $0.append(.output(output)) } },
            waitingForInput: { isPassword in
                self.events.withLock { $0.append(.inputRequest(isPassword: isPassword)) }
            })
    }

    var timeline: [Event] {
        events.withLock { $0 }
    }

    var chunks: [ProcessOutput] {
        timeline.compactMap { if case .output(let output) = $0 { output } else { nil } }
    }

    var inputRequests: [Bool] {
        timeline.compactMap { if case .inputRequest(let isPassword) = $0 { isPassword } else { nil } }
    }

    var stdout: [UInt8] {
        chunks.flatMap { chunk -> [UInt8] in if case .stdout(let bytes) = chunk { bytes } else { [] } }
    }

    var stderr: [UInt8] {
        chunks.flatMap { chunk -> [UInt8] in if case .stderr(let bytes) = chunk { bytes } else { [] } }
    }

    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// The stdout text delivered before the first input request.
    var stdoutBeforeFirstRequest: String {
        var bytes: [UInt8] = []
        for event in timeline {
            switch event {
            case .output(.stdout(let chunk)): bytes += chunk
            case .output(.stderr): continue
            case .inputRequest: return String(decoding: bytes, as: UTF8.self)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The test process's PATH, so tools like python3 resolve in the children.
let inheritedPath = String(cString: getenv("PATH"))

func shellSpec(
    _ script: String,
    standardIO: StandardIO = .pipes,
    limits: ResourceLimits = .init(),
    environment: [String: String] = [:],
    workingDirectory: String = "/"
) -> ProcessSpec {
    ProcessSpec(
        executable: "/bin/sh",
        arguments: ["-c", script],
        environment: ["PATH": inheritedPath].merging(environment) { $1 },
        workingDirectory: workingDirectory,
        standardIO: standardIO,
        limits: limits)
}

/// Waits for the run; kills it and returns nil if it is not over within `limit`
/// (a generous bound that only catches hangs).
func finish(_ process: SupervisedProcess, within limit: Duration = TimeBound.hang(after: .seconds(20))) async -> TerminationStatus? {
    await withTaskGroup(of: TerminationStatus?.self) { group in
        group.addTask { await process.wait() }
        group.addTask {
            try? await Task.sleep(for: limit)
            return nil
        }
        let first = await group.next() ?? nil
        if first == nil {
            process.kill()
        }
        group.cancelAll()
        return first
    }
}

/// True when no live (non-zombie) process is left in process group `group`.
func isProcessGroupGone(_ group: Int32) -> Bool {
    guard let directory = opendir("/proc") else { return false }
    defer { closedir(directory) }
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        guard Int32(name) != nil, let stat = FileSystem.text(of: "/proc/\(name)/stat"),
            let close = stat.lastIndex(of: ")")
        else { continue }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        if fields.count > 2, fields[0] != "Z", fields[0] != "X", Int32(fields[2]) == group {
            return false
        }
    }
    return true
}

func writeTextFile(_ path: String, _ text: String) {
    do {
        try FileSystem.write(Array(text.utf8), to: path, mode: 0o644)
    } catch {
        preconditionFailure("cannot create \(path): \(error)")
    }
}

func makeTemporaryDirectory() -> String {
    do {
        return try FileSystem.makePrivateDirectory(prefix: "supervision-test-")
    } catch {
        preconditionFailure("\(error)")
    }
}

func fileExists(_ path: String) -> Bool {
    access(path, F_OK) == 0
}
