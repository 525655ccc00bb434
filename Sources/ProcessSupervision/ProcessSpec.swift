/// What to run and how.
public struct ProcessSpec: Sendable {
    /// An absolute path, a path relative to ``workingDirectory`` containing a slash,
    /// or a bare name looked up in `environment["PATH"]`.
    public var executable: String
    /// The arguments after `argv[0]`, which is ``executable`` as given.
    public var arguments: [String]
    /// The complete environment of the program.
    public var environment: [String: String]
    /// The directory the program starts in.
    public var workingDirectory: String
    /// How stdin, stdout and stderr are connected.
    public var standardIO: StandardIO
    /// Resource limits of the program.
    public var limits: ResourceLimits
    /// The sandbox applied after the limits; nil for none.
    public var confinement: Confinement?

    /// Creates a specification.
    public init(
        executable: String,
        arguments: [String],
        environment: [String: String],
        workingDirectory: String,
        standardIO: StandardIO = .pipes,
        limits: ResourceLimits = .init(),
        confinement: Confinement? = nil
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.standardIO = standardIO
        self.limits = limits
        self.confinement = confinement
    }
}
