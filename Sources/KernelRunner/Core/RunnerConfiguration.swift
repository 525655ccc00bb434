/// Where the daemon finds the container's files and how it runs users' programs.
///
/// Every path has the container's default and can be pointed elsewhere (tests run without root
/// in temporary directories).
public struct RunnerConfiguration: Sendable {
    /// The user's work directory, the cwd of every run (`/home/work`).
    public var workingDirectory: String
    /// `HOME` of the children (`/home/work`).
    public var homeDirectory: String
    /// The agent's config directory holding `environ.txt` and `intrinsic-ports.json`.
    public var configDirectory: String
    /// Service definition files (`/etc/backend.ai/service-defs`).
    public var serviceDefinitionsDirectory: String
    /// Extra declarative language specs (`/etc/kernel-runner/languages`).
    public var languageSpecsDirectory: String
    /// The runtime path given on the command line (the image's `ai.backend.runtime-path`).
    public var runtimePath: String?
    /// Grace between the SIGINT, SIGTERM and SIGKILL of an interrupt.
    public var interruptGrace: Duration
    /// Limits applied to every child of every run.
    public var limits: RunLimits
    /// Where to serve the Backend.AI input hook's socket; nil serves none.
    public var inputSocketPath: String?
    /// Query mode uses a Jupyter kernel when the language names one and it is installed.
    public var usesJupyter: Bool
    /// Query mode runs every `code` snippet on its own, even for languages with a persistent
    /// session (no state between runs).
    public var statelessQuery: Bool
    /// Confines every program the daemon starts (runs, interpreters, services); nil for none.
    public var sandbox: (any Sandboxing)?
    /// Query mode keeps compiled snippets here and compiles the same snippet only once; nil
    /// compiles every time. By default the user's cache directory (XDG), nil without `HOME`.
    public var compileCache: CompileCacheSettings?

    /// The container defaults.
    public init(
        workingDirectory: String = "/home/work",
        homeDirectory: String = "/home/work",
        configDirectory: String = "/home/config",
        serviceDefinitionsDirectory: String = "/etc/backend.ai/service-defs",
        languageSpecsDirectory: String = "/etc/kernel-runner/languages",
        runtimePath: String? = nil,
        interruptGrace: Duration = .seconds(3),
        limits: RunLimits = RunLimits(),
        inputSocketPath: String? = "/tmp/bai-user-input.sock",
        usesJupyter: Bool = true,
        statelessQuery: Bool = false,
        sandbox: (any Sandboxing)? = nil,
        compileCache: CompileCacheSettings? = .inUserCacheDirectory()
    ) {
        self.workingDirectory = workingDirectory
        self.homeDirectory = homeDirectory
        self.configDirectory = configDirectory
        self.serviceDefinitionsDirectory = serviceDefinitionsDirectory
        self.languageSpecsDirectory = languageSpecsDirectory
        self.runtimePath = runtimePath
        self.interruptGrace = interruptGrace
        self.limits = limits
        self.inputSocketPath = inputSocketPath
        self.usesJupyter = usesJupyter
        self.statelessQuery = statelessQuery
        self.sandbox = sandbox
        self.compileCache = compileCache
    }
}
