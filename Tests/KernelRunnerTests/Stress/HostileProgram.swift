import Foundation
import Testing

/// A program that fights being stopped, for the stress suite. Each prints `ready` once it has
/// set itself up.
struct HostileProgram: Sendable, CustomTestStringConvertible {
    let name: String
    let command: String
    /// Only a pids control group holds it (the daemon falls back to process groups without one).
    let needsControlGroup: Bool

    var testDescription: String { name }

    static let all: [HostileProgram] = [
        HostileProgram(name: "ignores SIGINT and SIGTERM", command: "trap '' INT TERM; echo ready; while :; do :; done", needsControlGroup: false),
        HostileProgram(
            name: "runaway children that ignore signals",
            command: "for i in $(seq 1 20); do (trap '' INT TERM; while :; do sleep 1; done) & done; echo ready; wait",
            needsControlGroup: false),
        HostileProgram(
            name: "double-forked orphans",
            command: "for i in 1 2 3; do (sh -c 'trap \"\" INT TERM HUP; exec sleep 1000' &); done; echo ready; sleep 1000",
            needsControlGroup: false),
        HostileProgram(name: "waits for input that never comes", command: "echo ready; read line; echo \"$line\"", needsControlGroup: false),
        HostileProgram(name: "fork bomb", command: "echo ready; bomb() { bomb | bomb & }; bomb; sleep 1000", needsControlGroup: true),
        HostileProgram(
            name: "escapes its process group with setsid",
            command: "setsid sh -c 'trap \"\" INT TERM HUP; exec sleep 1000' </dev/null >/dev/null 2>&1 & echo ready; sleep 1000",
            needsControlGroup: true),
    ]

    /// Whether the daemon can put runs in pids control groups here (cgroup v1, or v2 with the
    /// pids controller). Without one a fork bomb is never started: as root nothing would cap it.
    static let controlGroupsAvailable: Bool =
        access("/sys/fs/cgroup/pids", W_OK) == 0
            || ((try? String(contentsOfFile: "/sys/fs/cgroup/cgroup.controllers", encoding: .utf8))?.contains("pids") == true
                && access("/sys/fs/cgroup", W_OK) == 0)

    /// The process limit that keeps a fork bomb small on a shared machine.
    static let daemonArguments = ["--limit-processes", "64"]

    var canRunHere: Bool { !needsControlGroup || Self.controlGroupsAvailable }
}
