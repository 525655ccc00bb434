import Glibc
import ProcessSupervision

extension TerminationStatus {
    /// This status as `/bin/sh -c` (dash) reports a command it ran that ended so: a command
    /// killed by a signal makes the shell print the signal's description on stderr (not for
    /// SIGPIPE) and exit with 128 + its number, except SIGINT, which the shell then raises on
    /// itself. Commands run without the shell report this way, so the agent cannot tell.
    func asReportedByShell() -> (status: TerminationStatus, message: String?) {
        guard case .signaled(let signal) = reason, signal != SIGINT else { return (self, nil) }
        var status = self
        status.reason = .exited(128 + signal)
        status.exitCode = Int(128 + signal)
        status.coreDumped = false
        guard signal != SIGPIPE else { return (status, nil) }
        let description = strsignal(signal).map { String(cString: $0) } ?? "Signal \(signal)"
        return (status, description + (coreDumped ? " (core dumped)" : "") + "\n")
    }
}
