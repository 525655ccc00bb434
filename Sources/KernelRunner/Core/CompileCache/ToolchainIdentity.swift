import ProcessSupervision
import SystemSupport

/// Which compiler compiles a snippet, down to its files: the executable with its links resolved
/// and the status of each file that identifies it, read at every compile (a few `stat` calls).
///
/// An upgrade of the toolchain's package or an `update-alternatives` switch replaces the file
/// (another inode, new times), so the key of the same snippet changes and entries of the old
/// compiler are no longer found. A rustup proxy stays the same file when `rustup default` or
/// `rustup update` changes the compiler behind it, so its settings and every installed
/// toolchain's copy of the tool count too.
struct ToolchainIdentity: Sendable, Hashable {
    /// One file and its status; nil when it does not exist.
    struct Part: Sendable, Hashable {
        var path: String
        var status: FileStatus?
    }

    /// The files, the resolved executable first.
    var parts: [Part]

    /// The identity of `executable` as a spawn in `workingDirectory` with `environment` would
    /// run it now; nil when it cannot be found.
    init?(executable: String, environment: [String: String], workingDirectory: String) {
        guard let found = try? ExecutableLookup.resolve(executable, searchPath: environment["PATH"], workingDirectory: workingDirectory),
            let resolved = FileSystem.resolvedPath(found.hasPrefix("/") ? found : workingDirectory + "/" + found)
        else { return nil }
        var paths = [resolved]
        let tool = String(executable.split(separator: "/").last ?? "")
        if tool != "rustup", Self.isRustupProxy(resolved) {
            let rustupHome = environment["RUSTUP_HOME"] ?? (environment["HOME"] ?? "") + "/.rustup"
            let toolchains = (try? FileSystem.names(in: rustupHome + "/toolchains")) ?? []
            paths.append(rustupHome + "/settings.toml")
            paths += toolchains.sorted().map { "\(rustupHome)/toolchains/\($0)/bin/\(tool)" }
        }
        parts = paths.map { Part(path: $0, status: try? FileSystem.status(of: $0)) }
    }

    /// Whether `path` is rustup itself: a symbolic link to it (resolved already), or a hard
    /// link beside it, as older rustup versions install their proxies.
    private static func isRustupProxy(_ path: String) -> Bool {
        if path.hasSuffix("/rustup") { return true }
        let rustup = (path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ".") + "/rustup"
        guard let proxy = try? FileSystem.status(of: path), let status = try? FileSystem.status(of: rustup) else { return false }
        return proxy.device == status.device && proxy.inode == status.inode
    }
}
