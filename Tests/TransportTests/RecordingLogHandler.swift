import Logging
import Synchronization

/// A log handler that keeps every message, so tests can check what the transport reported.
struct RecordingLogHandler: LogHandler {
    final class Records: Sendable {
        private let lines = Mutex<[(level: Logger.Level, message: String)]>([])

        func append(_ level: Logger.Level, _ message: String) {
            lines.withLock { $0.append((level, message)) }
        }

        /// The messages logged at `level`.
        func messages(at level: Logger.Level) -> [String] {
            lines.withLock { $0.filter { $0.level == level }.map(\.message) }
        }
    }

    let records: Records
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        records.append(event.level, event.message.description)
    }

    /// A logger recording into a fresh set of records.
    static func makeLogger() -> (Logger, Records) {
        let records = Records()
        return (Logger(label: "transport-tests") { _ in RecordingLogHandler(records: records) }, records)
    }
}
