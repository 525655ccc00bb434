import Glibc

/// Where query mode keeps compiled snippets, and how much of them (``RunnerConfiguration/compileCache``).
public struct CompileCacheSettings: Sendable, Equatable {
    /// The cache's own directory, created with mode 0700 (its missing parents too).
    public var directory: String
    /// The most bytes the entries may take together; the least recently used go first.
    public var byteLimit: Int

    /// 256 MiB: about 60 Rust or 140 Go hello-worlds, several thousand C programs.
    public static let defaultByteLimit = 256 << 20

    public init(directory: String, byteLimit: Int = defaultByteLimit) {
        self.directory = directory
        self.byteLimit = byteLimit
    }

    /// The user's cache directory as the XDG base directory specification names it:
    /// `$XDG_CACHE_HOME/kernel-runner`, else `$HOME/.cache/kernel-runner`; nil without either.
    public init?(environment: [String: String], byteLimit: Int = defaultByteLimit) {
        if let cacheHome = environment["XDG_CACHE_HOME"], cacheHome.hasPrefix("/") {
            self.init(directory: cacheHome + "/kernel-runner", byteLimit: byteLimit)
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            self.init(directory: home + "/.cache/kernel-runner", byteLimit: byteLimit)
        } else {
            return nil
        }
    }

    /// The settings of ``init(environment:byteLimit:)`` for the daemon's own environment.
    public static func inUserCacheDirectory(byteLimit: Int = defaultByteLimit) -> CompileCacheSettings? {
        let names = ["XDG_CACHE_HOME", "HOME"]
        let environment = names.reduce(into: [String: String]()) { variables, name in
            variables[name] = getenv(name).map { String(cString: $0) }
        }
        return CompileCacheSettings(environment: environment, byteLimit: byteLimit)
    }
}
