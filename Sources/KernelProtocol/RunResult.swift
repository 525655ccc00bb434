/// How a queued task ended: the payload of `finished`, `build-finished` and `clean-finished`.
///
/// `exitCode` is exactly what the original runner reports (negative = killed by that signal,
/// 127 = not found or skipped after a failed build). The other keys are optional additions the
/// agent ignores; they are only written when known. The JSON keys are the property names.
public struct RunResult: Sendable, Equatable, Decodable {
    /// Why the task ended.
    public enum Reason: String, Sendable, Equatable, Decodable {
        case exited, signaled, timeout, cpu, memory
        case outputLimit = "output-limit"
        case interrupted
    }

    public var exitCode: Int
    public var reason: Reason?
    public var signal: Int32?
    /// Seconds.
    public var wallTime: Double?
    /// Seconds of user + system CPU.
    public var cpuTime: Double?
    /// Peak resident set size in bytes.
    public var maxRSS: Int?
    /// How many calls the jail policy's sandbox refused during the task (absent when none).
    public var policyDenials: Int?

    /// Creates a result.
    public init(
        exitCode: Int, reason: Reason? = nil, signal: Int32? = nil, wallTime: Double? = nil, cpuTime: Double? = nil,
        maxRSS: Int? = nil, policyDenials: Int? = nil
    ) {
        self.exitCode = exitCode
        self.reason = reason
        self.signal = signal
        self.wallTime = wallTime
        self.cpuTime = cpuTime
        self.maxRSS = maxRSS
        self.policyDenials = policyDenials
    }

    /// A skipped or trivially successful step.
    public static let success = RunResult(exitCode: 0)
}
