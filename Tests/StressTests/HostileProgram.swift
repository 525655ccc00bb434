import Foundation
import Testing

/// A program that fights being stopped, for the stress suite.
struct HostileProgram: Sendable, CustomTestStringConvertible {
    /// What shows the program has set itself up, so it is stopped while it fights, not before.
    enum Readiness: Sendable {
        /// It printed `ready` this many times, once per process that set itself up.
        case readyLines(Int)
        /// It asked for input.
        case inputRequest
        /// Its pids group refused it a fork: it has grown to the process limit.
        case processLimitReached
    }

    let name: String
    let command: String
    let readiness: Readiness

    var testDescription: String { name }

    /// The programs that process groups and signals alone stop.
    static let contained: [HostileProgram] = [
        HostileProgram(
            name: "ignores SIGINT and SIGTERM", command: "trap '' INT TERM; echo ready; while :; do :; done", readiness: .readyLines(1)),
        HostileProgram(
            name: "runaway children that ignore signals",
            command: "for i in $(seq 1 20); do (trap '' INT TERM; echo ready; while :; do sleep 1; done) & done; wait",
            readiness: .readyLines(20)),
        HostileProgram(
            name: "double-forked orphans",
            command: "for i in 1 2 3; do (sh -c 'trap \"\" INT TERM HUP; echo ready; exec sleep 1000' &); done; sleep 1000",
            readiness: .readyLines(3)),
        HostileProgram(name: "waits for input that never comes", command: "read line; echo \"$line\"", readiness: .inputRequest),
    ]

    /// The programs only a pids control group holds: the daemon falls back to process groups
    /// without one, which neither cap a fork bomb run as root nor reach a new session.
    static let needingControlGroups: [HostileProgram] = [
        // Its shell forks nothing once the bomb goes off (`wait` is a builtin): it runs until stopped.
        HostileProgram(name: "fork bomb", command: "sleep 1000 & bomb() { bomb | bomb & }; bomb; wait", readiness: .processLimitReached),
        HostileProgram(
            name: "escapes its process group with setsid",
            // The escapee says it is ready before it lets go of the run's output.
            command:
                "setsid sh -c 'trap \"\" INT TERM HUP; echo ready; exec sleep 1000 </dev/null >/dev/null 2>&1' </dev/null & sleep 1000",
            readiness: .readyLines(1)),
    ]

    /// The process limit that keeps a fork bomb small on a shared machine.
    static let processLimit = 64
    static let daemonArguments = ["--limit-processes", "\(processLimit)"]
}
