import ArgumentParser
import KernelRunner

/// The daemon: binds the agent's ports and serves one language until SIGTERM/SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the agent for one language (the default command)."
    )

    @Argument(help: "The runtime type, e.g. c, cpp, python (the image's ai.backend.runtime-type).")
    var language: String

    @Argument(help: "The language toolchain (the image's ai.backend.runtime-path).")
    var runtimePath: String?

    @Option(help: "Address to bind, e.g. 127.0.0.1 (default: all interfaces).")
    var bind: String = "*"

    @Option(
        name: .customLong("in-port"),
        help: "Port of the PULL socket (agent → runner); 0 = any free port. Default: intrinsic-ports.json replin, else 2000.")
    var inputPort: Int?

    @Option(
        name: .customLong("out-port"),
        help: "Port of the PUSH socket (runner → agent); 0 = any free port. Default: intrinsic-ports.json replout, else 2001.")
    var outputPort: Int?

    @Option(help: "The user's work directory, cwd of every run.")
    var workDir: String = RunnerConfiguration().workingDirectory

    @Option(help: "HOME of the user's programs (default: the work directory).")
    var home: String?

    @Option(help: "The agent's config directory (environ.txt, intrinsic-ports.json).")
    var configDir: String = RunnerConfiguration().configDirectory

    @Option(help: "Directory of service definition files.")
    var serviceDefs: String = RunnerConfiguration().serviceDefinitionsDirectory

    @Option(help: "Directory of declarative language specs (*.json).")
    var languageSpecs: String = RunnerConfiguration().languageSpecsDirectory

    @Option(help: "Milliseconds between the SIGINT, SIGTERM and SIGKILL of an interrupt (a repeated interrupt escalates at once).")
    var interruptGraceMs: Int = 3000

    @Option(help: "Write the bound endpoints as JSON to this file once the sockets are bound.")
    var readyFile: String?

    @Option(
        help:
            "A jail policy (YAML) enforced on every child: environment and process limit, and a sandbox (no_new_privs, seccomp, Landlock) for its syscall, path, exec and fork rules."
    )
    var policy: String?

    @Flag(help: "Refuse to start unless this kernel enforces every rule of the policy (the jail's default policy without --policy).")
    var requireSandbox = false

    @Option(help: "The Unix socket served for programs preloaded with the Backend.AI input hook; empty serves none.")
    var inputSocket: String = RunnerConfiguration().inputSocketPath ?? ""

    @Option(help: "Where the agent mounts the intrinsic service binaries (dropbearmulti, ttyd, tmux).")
    var kernelDir: String = ServiceSettings().kernelDirectory

    @Option(help: "Where sshd keeps its host key and the generated user key.")
    var sshKeyDir: String = ServiceSettings().sshKeyDirectory

    @Option(help: "Seconds a started service has to open its port.")
    var serviceLaunchTimeout: Double = 30

    @Flag(help: "Query mode uses the built-in interpreter even when a Jupyter kernelspec is installed.")
    var noJupyter = false

    @Flag(help: "Query mode runs every code snippet on its own: no state is kept between runs, for any language.")
    var statelessQuery = false

    @Flag(help: "Query mode compiles C, C++, Go, Rust, Java and Haskell snippets every time instead of keeping the results.")
    var noCompileCache = false

    @Option(help: "Where query mode keeps compiled snippets (default: $XDG_CACHE_HOME/kernel-runner, else ~/.cache/kernel-runner).")
    var compileCacheDir: String?

    @Option(help: "The most MiB the compiled snippets may take; the least recently used go first.")
    var compileCacheMib: Int = CompileCacheSettings.defaultByteLimit >> 20

    @OptionGroup(title: "Per-run limits")
    var limits: LimitOptions

    @Flag(help: "Log at debug level.")
    var debug = false

    func validate() throws {
        guard (1...(1 << 30)).contains(compileCacheMib) else {
            throw ValidationError("--compile-cache-mib must be between 1 and 1073741824")
        }
        if let compileCacheDir, !compileCacheDir.hasPrefix("/") { throw ValidationError("--compile-cache-dir must be an absolute path") }
    }

    /// The compile cache the options ask for.
    private var compileCache: CompileCacheSettings? {
        guard !noCompileCache else { return nil }
        let byteLimit = compileCacheMib << 20
        return compileCacheDir.map { CompileCacheSettings(directory: $0, byteLimit: byteLimit) }
            ?? .inUserCacheDirectory(byteLimit: byteLimit)
    }

    func run() async throws {
        var configuration = KernelRunnerDaemon.Configuration(language: language, runtimePath: runtimePath)
        configuration.bindAddress = bind
        configuration.inputPort = inputPort
        configuration.outputPort = outputPort
        configuration.runner = RunnerConfiguration(
            workingDirectory: workDir,
            homeDirectory: home ?? workDir,
            configDirectory: configDir,
            serviceDefinitionsDirectory: serviceDefs,
            languageSpecsDirectory: languageSpecs,
            interruptGrace: .milliseconds(interruptGraceMs),
            limits: limits.runLimits,
            inputSocketPath: inputSocket.isEmpty ? nil : inputSocket,
            usesJupyter: !noJupyter,
            statelessQuery: statelessQuery,
            compileCache: compileCache
        )
        configuration.services = ServiceSettings(
            launchTimeout: .milliseconds(Int(serviceLaunchTimeout * 1000)),
            kernelDirectory: kernelDir,
            sshKeyDirectory: sshKeyDir
        )
        configuration.policyPath = policy
        configuration.requiresSandbox = requireSandbox
        configuration.readyFile = readyFile
        configuration.logLevel = debug ? .debug : .info
        try await KernelRunnerDaemon(configuration: configuration, registry: KernelRunnerCommandLine.registry).run()
    }
}
