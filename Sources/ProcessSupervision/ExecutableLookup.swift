import Glibc

/// Finds the program of a spawn: a path as it is, a bare name in the search path, either here or
/// by the child itself.
public enum ExecutableLookup {
    /// Used when the run's environment has no PATH.
    public static let defaultSearchPath = "/usr/local/bin:/usr/bin:/bin"

    /// What a spawn of `executable` hands the child: the file itself (``resolve(_:searchPath:workingDirectory:)``),
    /// or, when the child may search, the file found earlier in the same directories, unchanged
    /// since (``ExecutableCache``), else a bare name with the directories to search, as execvp
    /// does. The search then costs the child's time instead of the daemon's (a failed `execve`
    /// for every entry before the one that has it); a Landlock ruleset, made before the spawn,
    /// needs the file itself.
    static func program(
        _ executable: String, searchPath: String?, workingDirectory: String, childMaySearch: Bool
    ) throws(SpawnError) -> (path: String, searchPath: String?) {
        guard childMaySearch, !executable.isEmpty, !executable.contains("/") else {
            return (try resolve(executable, searchPath: searchPath, workingDirectory: workingDirectory), nil)
        }
        let searchPath = searchPath ?? defaultSearchPath
        if let file = ExecutableCache.shared.file(of: executable, searchPath: searchPath) {
            return (file, nil)
        }
        return (executable, searchPath)
    }

    /// The file a spawn of `executable` runs: the name itself when it contains a `/`, else the
    /// first executable regular file of that name in `searchPath` (an empty entry is
    /// `workingDirectory`).
    public static func resolve(_ executable: String, searchPath: String?, workingDirectory: String) throws(SpawnError) -> String {
        if executable.contains("/") { return executable }
        guard !executable.isEmpty else { throw SpawnError(code: .executableNotFound, errno: ENOENT) }
        var foundWithoutPermission = false
        // Split as bytes: splitting by Character walks grapheme clusters, for every run.
        for directory in (searchPath ?? defaultSearchPath).utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false) {
            // An empty entry means the current directory, which is the run's.
            let base = directory.isEmpty ? workingDirectory : String(decoding: directory, as: UTF8.self)
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
