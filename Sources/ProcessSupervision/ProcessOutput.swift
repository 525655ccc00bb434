/// A chunk of a run's output. Chunks never split a UTF-8 character; bytes that
/// are not valid UTF-8 are passed through unchanged.
public enum ProcessOutput: Sendable, Equatable {
    /// Bytes written to stdout (or to the terminal in pseudo-terminal mode).
    case stdout([UInt8])
    /// Bytes written to stderr.
    case stderr([UInt8])

    /// The most bytes one output frame carries.
    public static let frameLimit = 64 * 1024
}
