import Glibc
import Logging
import ProcessSupervision
import SystemSupport

/// The user's `<work>/bootstrap.sh`, run once at boot with `/bin/sh` before any queued run
/// (spec §1). Its output goes to the daemon's log: the agent drops frames sent while no run is
/// attached anyway.
struct BootstrapScript {
    var path: String
    var workingDirectory: String
    var environment: [String: String]
    /// The user's script is user code: the jail policy's sandbox applies.
    var confinement: Confinement?
    var logger: Logger

    /// Whether there is a script to run.
    var exists: Bool {
        FileSystem.exists(path) && !FileSystem.isDirectory(path)
    }

    /// Starts the script; the caller keeps the process to wait for it or kill it.
    func spawn() throws(SpawnError) -> SupervisedProcess {
        let spec = ProcessSpec(
            executable: "/bin/sh", arguments: [path], environment: environment, workingDirectory: workingDirectory,
            confinement: confinement)
        return try SupervisedProcess.spawn(spec, handlers: .logging(to: logger, source: "bootstrap.sh"))
    }
}
