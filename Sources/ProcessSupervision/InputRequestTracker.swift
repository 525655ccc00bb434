/// Decides when a run counts as waiting for input, so that one blocked read
/// produces exactly one request.
///
/// Checks run only while output is idle, with a backoff. A request is reported
/// when a reader is seen blocked on stdin, with no input pending, on two
/// consecutive checks without output in between, so that output still in flight
/// (from other processes of the run, or through the terminal's asynchronous
/// buffer) is delivered before the request. After a report, nothing is checked
/// until input has been written and fully consumed, or the request is withdrawn.
struct InputRequestTracker {
    private enum Phase {
        /// Watching for a blocked reader.
        case armed
        /// A request was reported; waiting for input.
        case reported
        /// Input was written after a report; re-arms once it is consumed.
        case answered
    }

    static let initialDelay = Duration.milliseconds(5)
    static let maximumDelay = Duration.milliseconds(100)

    private var phase = Phase.armed
    private var delay = initialDelay
    private var sawReader = false
    /// When the next check is due; `nil` while nothing needs checking.
    private(set) var nextCheck: ContinuousClock.Instant?

    init(now: ContinuousClock.Instant) {
        nextCheck = now + delay
    }

    /// Output or input moved: restart the backoff.
    mutating func noteActivity(now: ContinuousClock.Instant) {
        sawReader = false
        delay = Self.initialDelay
        nextCheck = phase == .reported ? nil : now + delay
    }

    mutating func noteInputWritten(now: ContinuousClock.Instant) {
        if phase == .reported {
            phase = .answered
        }
        noteActivity(now: now)
    }

    /// The request reported last will not be answered (the run it was for ended): watch again at
    /// once, so a reader still blocked is reported anew, without input that a later read could
    /// take for an answer.
    mutating func noteRequestWithdrawn(now: ContinuousClock.Instant) {
        guard phase == .reported else { return }
        phase = .armed
        noteActivity(now: now)
    }

    /// Runs a due check. Returns true when a new request is to be reported.
    mutating func check(
        now: ContinuousClock.Instant,
        isInputPending: () -> Bool,
        isReaderBlocked: () -> Bool
    ) -> Bool {
        guard phase != .reported else {
            nextCheck = nil
            return false
        }
        defer {
            delay = min(delay * 2, Self.maximumDelay)
            nextCheck = phase == .reported ? nil : now + delay
        }
        guard !isInputPending() else {
            sawReader = false
            return false
        }
        phase = .armed
        guard isReaderBlocked() else {
            sawReader = false
            return false
        }
        guard sawReader else {
            sawReader = true
            return false
        }
        sawReader = false
        phase = .reported
        return true
    }
}
