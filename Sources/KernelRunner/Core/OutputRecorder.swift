import ProcessSupervision
import Synchronization

/// A copy of what a compiler prints, kept for its compile-cache entry: a hit replays it.
final class OutputRecorder: Sendable {
    /// Warnings take a few KiB; a compile that prints more is not kept.
    static let byteLimit = 64 << 10

    private struct Recording {
        var chunks: [ProcessOutput] = []
        var bytes = 0
        /// False once more than the bound was printed (the chunks are dropped then).
        var isComplete = true
    }

    private let state = Mutex(Recording())

    init() {}

    func record(_ output: ProcessOutput) {
        let count =
            switch output {
            case .stdout(let bytes), .stderr(let bytes): bytes.count
            }
        state.withLock { recording in
            guard recording.isComplete else { return }
            recording.bytes += count
            if recording.bytes > Self.byteLimit {
                recording = Recording(isComplete: false)
            } else {
                recording.chunks.append(output)
            }
        }
    }

    /// Everything recorded, in order; nil if it was more than ``byteLimit`` bytes.
    var output: [ProcessOutput]? {
        state.withLock { $0.isComplete ? $0.chunks : nil }
    }
}
