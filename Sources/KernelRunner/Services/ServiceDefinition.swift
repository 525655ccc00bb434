public import KernelProtocol

/// How to start one service: a `service-defs/<name>.json` file (images-and-policy §2.2), a
/// model server from `start-model-service`, a built-in intrinsic service, or a runner's legacy
/// table entry — all go through the same launch path.
public struct ServiceDefinition: Sendable, Equatable {
    /// The program: a shell script or an argument vector. Nil only for ``noop`` services.
    public var command: ServiceCommand?
    /// The shell that runs a script command (`<shell> -c <script>`); nil splits the script
    /// into words like a POSIX shell would, without running one.
    public var shell: String?
    /// Nothing is started: the service is considered started (e.g. something else runs it).
    public var noop: Bool
    /// For clients, listed by `get-apps` (`{protocol}://{host}:{port}/…`); empty when unset.
    public var urlTemplate: String
    /// Steps run before the command, in order; their `ref` results become template variables.
    public var prestart: [PrestartAction]
    /// Variables added to the container's environment; names and values are templates.
    public var environment: [String: String]
    /// Variables the user may set through `options.envs`.
    public var allowedEnvironment: [String]
    /// Arguments the user may set through `options.arguments`.
    public var allowedArguments: [String]
    /// Arguments appended unless the user overrides them: a value of null adds the flag
    /// alone, a string one value, a list several.
    public var defaultArguments: [String: JSONValue]
    /// The service's cwd; nil runs it in the work directory. Not a file key: model services
    /// run in their model path, some legacy services in a folder of their own.
    public var workingDirectory: String?

    /// Creates a definition.
    public init(
        command: ServiceCommand?,
        shell: String? = "bash",
        noop: Bool = false,
        urlTemplate: String = "",
        prestart: [PrestartAction] = [],
        environment: [String: String] = [:],
        allowedEnvironment: [String] = [],
        allowedArguments: [String] = [],
        defaultArguments: [String: JSONValue] = [:],
        workingDirectory: String? = nil
    ) {
        self.command = command
        self.shell = shell
        self.noop = noop
        self.urlTemplate = urlTemplate
        self.prestart = prestart
        self.environment = environment
        self.allowedEnvironment = allowedEnvironment
        self.allowedArguments = allowedArguments
        self.defaultArguments = defaultArguments
        self.workingDirectory = workingDirectory
    }

    /// The `apps-result` entry: optional keys only when non-empty, as the original lists them.
    public func appInfo(named name: String) -> AppInfo {
        AppInfo(
            name: name,
            urlTemplate: urlTemplate.isEmpty ? nil : urlTemplate,
            allowedArguments: allowedArguments.isEmpty ? nil : allowedArguments,
            allowedEnvs: allowedEnvironment.isEmpty ? nil : allowedEnvironment
        )
    }
}
