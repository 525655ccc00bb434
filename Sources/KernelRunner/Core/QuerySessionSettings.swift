public import Logging
public import ProcessSupervision

/// What a ``QuerySession`` needs to start its interpreter: the same runtime, environment, cwd
/// and limits as the language's other runs.
public struct QuerySessionSettings: Sendable {
    /// The language's runtime path (e.g. `python3`), looked up in the environment's `PATH`.
    public var runtimePath: String
    /// The environment of every child (environ.txt, HOME, PATH promotion).
    public var environment: [String: String]
    /// The cwd of every run.
    public var workingDirectory: String
    /// Limits of every child.
    public var limits: ResourceLimits
    /// Use a Jupyter kernel when a matching kernelspec is installed.
    public var usesJupyter: Bool
    /// The sandbox of the interpreter; its refusals count for the task it serves then.
    public var confinement: Confinement?
    public var logger: Logger

    public init(
        runtimePath: String,
        environment: [String: String],
        workingDirectory: String,
        limits: ResourceLimits,
        usesJupyter: Bool,
        confinement: Confinement? = nil,
        logger: Logger
    ) {
        self.runtimePath = runtimePath
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.limits = limits
        self.usesJupyter = usesJupyter
        self.confinement = confinement
        self.logger = logger
    }
}
