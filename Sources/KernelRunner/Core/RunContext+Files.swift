import Glibc
import SystemSupport

/// The work directory and scratch directories, as runners see them.
extension RunContext {
    /// True if `path` (relative to the work dir unless absolute) is an existing regular file.
    public func fileExists(_ path: String) -> Bool {
        var status = stat()
        return stat(resolve(path), &status) == 0 && status.st_mode & S_IFMT != S_IFDIR
    }

    /// True if `path` is a regular file with the owner's execute bit.
    public func isExecutableFile(_ path: String) -> Bool {
        fileExists(path) && access(resolve(path), X_OK) == 0
    }

    /// `path` made absolute against the work dir.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : workingDirectory + "/" + path
    }

    /// Every regular file under the work dir whose name ends with one of `extensions`, as
    /// paths relative to the work dir, sorted (deterministic builds). Hidden directories are
    /// skipped.
    public func sourceFiles(withExtensions extensions: [String]) -> [String] {
        FileSystem.files(under: workingDirectory) { !$0.hasPrefix(".") }.filter { relative in
            let name = relative.split(separator: "/").last.map(String.init) ?? relative
            return !name.hasPrefix(".") && extensions.contains { name.hasSuffix($0) } && fileExists(relative)
        }.sorted()
    }

    /// A new private (mode 0700) directory, removed when the task ends: query-mode sources
    /// and binaries go here, never into the user's work dir.
    public func makeScratchDirectory() throws(RunError) -> String {
        let path: String
        do {
            path = try FileSystem.makePrivateDirectory(prefix: "kernel-runner-")
        } catch {
            throw RunError(.scratchDirectory, errno: error.errno)
        }
        state.withLock { $0.scratchDirectories.append(path) }
        return path
    }

    /// Creates a directory (and its parents) relative to the work dir.
    public func makeDirectory(_ path: String) throws(RunError) {
        do {
            try FileSystem.makeDirectory(resolve(path))
        } catch {
            throw RunError(.makeDirectory, errno: error.errno)
        }
    }

    /// Writes `text` to a file, creating it with owner-only permissions.
    public func write(_ text: String, to path: String) throws(RunError) {
        do {
            try FileSystem.write(Array(text.utf8), to: path, mode: 0o600)
        } catch {
            throw RunError(.writeFile, errno: error.errno)
        }
    }
}
