import Glibc
import Logging
import ProcessSupervision
import Synchronization
import SystemSupport

/// Compiled query-mode snippets, kept in a private directory and shared by every daemon of the
/// user: one file per entry, named by its ``CompileCacheKey``.
///
/// Safe without locks between processes: an entry is written beside its place and renamed
/// into it (a reader opens the old file, the new one or none, never a part), a reader holds what
/// it opened even when another daemon evicts it, and eviction only removes files. All methods
/// block on file I/O: call them from a plain thread, not from a Swift task.
final class CompileCache: Sendable {
    let settings: CompileCacheSettings
    private let logger: Logger
    /// Whether the daemon said once that the directory is unsafe (it would say so on every compile).
    private let reportedUnsafeDirectory = Mutex(false)

    init(_ settings: CompileCacheSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// Where the entries are: a later format of entries gets a directory of its own.
    var entryDirectory: String { settings.directory + "/v1" }

    /// The key of compiling `compilation` in the snippet directory `directory` now, and its entry
    /// if there is one (its files not created yet); nil when no key can be made (the compiler is
    /// not there, the directory cannot be read), and the snippet is compiled without the cache.
    func lookUp(
        _ compilation: SnippetCompilation, in directory: String, environment: [String: String]
    ) -> (key: CompileCacheKey, inputs: Set<String>, entry: CompiledSnippet?)? {
        guard let toolchain = ToolchainIdentity(executable: compilation.executable, environment: environment, workingDirectory: directory)
        else { return nil }
        let inputs: [SnippetFile]
        do {
            inputs = try SnippetFile.tree(of: directory, byteLimit: settings.byteLimit)
        } catch {
            logger.notice("compile cache: the snippet directory cannot be read: \(error)")
            return nil
        }
        let key = CompileCacheKey(toolchain: toolchain, compilation: compilation, environment: environment, inputs: inputs)
        return (key, Set(inputs.map(\.path)), entry(for: key))
    }

    /// The entry for `key`, marked as just used; nil on a miss.
    func entry(for key: CompileCacheKey) -> CompiledSnippet? {
        let path = entryDirectory + "/" + key.name
        guard isPrivate(settings.directory), isPrivate(entryDirectory) else { return nil }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path, limit: settings.byteLimit)
        } catch {
            if error.errno != ENOENT { logger.notice("compile cache: \(error)") }
            return nil
        }
        do {
            let snippet = try CompiledSnippet(decoding: bytes, path: path)
            // The time of last use orders eviction; an entry evicted meanwhile is still ours to use.
            try? FileSystem.touch(path)
            logger.debug("compile cache: hit \(key.name)")
            return snippet
        } catch {
            logger.notice("compile cache: removing \(error)")
            try? FileSystem.remove(path)
            return nil
        }
    }

    /// The entry of a successful compile in `directory`: what the compiler printed and every
    /// file there but the `inputs`; nil when it cannot be kept (too large, an unsupported file,
    /// a file that is not the snippet's own).
    func snapshot(
        of directory: String, inputs: Set<String>, output: [ProcessOutput], isOwnOutput: (String) -> Bool
    ) -> CompiledSnippet? {
        do {
            let files = try SnippetFile.tree(of: directory, byteLimit: settings.byteLimit).filter { !inputs.contains($0.path) }
            if let foreign = files.first(where: { !isOwnOutput($0.path) }) {
                logger.debug("compile cache: not kept: the compiler also made \(foreign.path)")
                return nil
            }
            return CompiledSnippet(output: output, files: files)
        } catch {
            logger.debug("compile cache: not kept: \(error)")
            return nil
        }
    }

    /// Keeps `snippet` as the entry for `key`, then evicts the least recently used entries
    /// beyond the size bound.
    func store(_ snippet: CompiledSnippet, for key: CompileCacheKey) {
        do throws(CompileCacheError) {
            let bytes = snippet.encoded()
            guard bytes.count <= settings.byteLimit else { throw CompileCacheError(.tooLarge, path: key.name) }
            try prepareDirectory()
            let path = entryDirectory + "/" + key.name
            try CompileCacheError.mapping(.file) { () throws(SystemError) in try FileSystem.replace(path, with: bytes) }
            logger.debug("compile cache: kept \(key.name) (\(bytes.count) bytes)")
            try evict()
        } catch {
            if error.code == .unsafeDirectory, reportedUnsafeDirectory.withLock({ $0 }) { return }
            if error.code == .unsafeDirectory { reportedUnsafeDirectory.withLock { $0 = true } }
            logger.notice("compile cache: \(error)")
        }
    }

    /// Creates the directories (mode 0700) and makes sure that only this user may enter them.
    private func prepareDirectory() throws(CompileCacheError) {
        try CompileCacheError.mapping(.directory) { () throws(SystemError) in try FileSystem.makeDirectory(entryDirectory, mode: 0o700) }
        for directory in [settings.directory, entryDirectory] where !isPrivate(directory) {
            // Ours but open to others (made by hand, or by an older umask): closed, not refused.
            guard let status = try? FileSystem.status(of: directory, followingLinks: false), status.kind == .directory,
                status.owner == geteuid(), (try? FileSystem.setMode(of: directory, to: 0o700)) != nil
            else { throw CompileCacheError(.unsafeDirectory, path: directory) }
        }
    }

    /// Whether `directory` is a directory (not a link to one) of this user that nobody else may enter.
    private func isPrivate(_ directory: String) -> Bool {
        guard let status = try? FileSystem.status(of: directory, followingLinks: false) else { return false }
        return status.kind == .directory && status.owner == geteuid() && status.mode & 0o077 == 0
    }
}
