import CSandbox

/// What the daemon does to itself before it starts confined programs that run as its user.
public enum DaemonProtection {
    /// Makes the daemon undumpable: a program of the same user could otherwise read and write
    /// the daemon's memory through `/proc/<pid>/mem`, without any syscall the filter refuses.
    public static func hideMemory() throws(SandboxError) {
        let error = krs_make_undumpable()
        guard error == 0 else { throw SandboxError(.protection, errno: error, "cannot make the daemon undumpable") }
    }
}
