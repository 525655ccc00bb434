import Glibc

/// Resolves the executable in the parent, so the child only has to call execve.
enum ExecutableLookup {
    /// Used when the run's environment has no PATH.
    static let defaultSearchPath = "/usr/local/bin:/usr/bin:/bin"

    static func resolve(_ executable: String, searchPath: String?, workingDirectory: String) throws(SpawnError) -> String {
        if executable.contains("/") { return executable }
        guard !executable.isEmpty else { throw SpawnError(code: .executableNotFound, errno: ENOENT) }
        var foundWithoutPermission = false
        for directory in (searchPath ?? defaultSearchPath).split(separator: ":", omittingEmptySubsequences: false) {
            // An empty entry means the current directory, which is the run's.
            let base = directory.isEmpty ? workingDirectory : String(directory)
            let candidate = base.hasPrefix("/") ? "\(base)/\(executable)" : "\(workingDirectory)/\(base)/\(executable)"
            var info = stat()
            guard stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            if access(candidate, X_OK) == 0 { return candidate }
            foundWithoutPermission = true
        }
        if foundWithoutPermission { throw SpawnError(code: .notExecutable, errno: EACCES) }
        throw SpawnError(code: .executableNotFound, errno: ENOENT)
    }
}
