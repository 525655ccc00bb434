import ProcessSupervision

extension ServiceError {
    /// The failure to start `executable`, worded like the original runner's replies.
    init(_ error: SpawnError, executable: String) {
        switch error.code {
        case .executableNotFound:
            self.init(.executableNotFound, "the executable file is not found: \(executable)", errno: error.errno)
        case .notExecutable:
            self.init(.notExecutable, "the target file is not executable: \(executable)", errno: error.errno)
        default:
            self.init(.spawn, "cannot start \(executable): \(error)", errno: error.errno)
        }
    }
}
