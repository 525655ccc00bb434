import ProcessSupervision
import Synchronization

/// The daemon's stdout and stderr, kept for failure messages.
public final class DaemonLog: Sendable {
    private let bytes = Mutex<[UInt8]>([])
    private let status = Mutex<TerminationStatus?>(nil)

    public func append(_ output: ProcessOutput) {
        switch output {
        case .stdout(let chunk), .stderr(let chunk): bytes.withLock { $0 += chunk }
        }
    }

    public var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }

    public var exitStatus: TerminationStatus? { status.withLock { $0 } }

    public func exited(_ termination: TerminationStatus) {
        status.withLock { $0 = termination }
    }
}
