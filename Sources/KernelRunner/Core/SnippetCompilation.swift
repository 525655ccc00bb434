/// The compile step of a query-mode snippet, as ``RunContext/runSnippet(_:compile:run:)`` runs
/// it: in the snippet's scratch directory, and through the compile cache when the daemon has one.
public struct SnippetCompilation: Sendable {
    /// The compiler: an absolute path or a name looked up in the run's `PATH`.
    public var executable: String
    /// Its arguments. They name the snippet's files relative to the scratch directory, the
    /// compiler's cwd: then nothing the compiler records (`__FILE__`, a panic's location)
    /// depends on the directory's random name, and a cached result is the one a compile now
    /// would give.
    public var arguments: [String]
    /// Variables added to the run's environment for the compiler.
    public var environment: [String: String]
    /// The variables of the run's environment that the compiler's result depends on, besides
    /// ``commonEnvironmentKeys``: their values are part of the cache key.
    public var environmentKeys: [String]
    /// False when the snippet reads at compile time what the cache key does not cover (the
    /// clock, the environment, files outside the toolchain): it is compiled every time.
    public var isCacheable: Bool
    /// Whether a file the compiler left (a path relative to the scratch directory) comes from
    /// the snippet alone. A compile that also left others compiled files of the work directory
    /// (Haskell modules, Java sources on the class path), which the key does not cover: it is
    /// not kept.
    public var isOwnOutput: @Sendable (String) -> Bool

    /// What every compiler depends on: where its programs and libraries are found, and the
    /// language of its warnings (which a hit replays).
    public static let commonEnvironmentKeys = ["PATH", "LD_LIBRARY_PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_CTYPE"]

    public init(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], environmentKeys: [String] = [],
        isCacheable: Bool = true, isOwnOutput: @escaping @Sendable (String) -> Bool = { _ in true }
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.environmentKeys = environmentKeys
        self.isCacheable = isCacheable
        self.isOwnOutput = isOwnOutput
    }
}
