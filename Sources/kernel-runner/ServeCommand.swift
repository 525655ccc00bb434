import ArgumentParser
import Dispatch
import Foundation
import KernelRunner
import KernelTransport
import Logging

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

    @Option(name: .customLong("in-port"), help: "Port of the PULL socket (agent → runner); 0 = any free port. Default: intrinsic-ports.json replin, else 2000.")
    var inputPort: Int?

    @Option(name: .customLong("out-port"), help: "Port of the PUSH socket (runner → agent); 0 = any free port. Default: intrinsic-ports.json replout, else 2001.")
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

    @Option(help: "Milliseconds between the SIGINT, SIGTERM and SIGKILL of an interrupt.")
    var interruptGraceMs: Int = 500

    @Option(help: "Write the bound endpoints as JSON to this file once the sockets are bound.")
    var readyFile: String?

    @Option(help: "A jail policy (YAML); its preserved_env_keys, extra_envs and max_child_procs apply to every child.")
    var policy: String?

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

    @OptionGroup(title: "Per-run limits")
    var limits: LimitOptions

    @Flag(help: "Log at debug level.")
    var debug = false

    func run() async throws {
        // Users' programs write into pipes the agent may close; a dead reader must be an error
        // code, never a fatal signal for the daemon.
        signal(SIGPIPE, SIG_IGN)
        let logger = makeLogger()

        let registry = try LanguageRegistry.loading(specsFrom: languageSpecs)
        guard let entry = registry.entry(for: language) else {
            throw ValidationError("unknown language \"\(language)\"; known: \(registry.entries.map(\.name).joined(separator: ", "))")
        }
        // Checked before binding: a policy that does not load must stop the daemon, not leave it unconfined.
        let jailPolicy = try policy.map(JailPolicy.init(contentsOf:))

        var configuration = RunnerConfiguration(
            workingDirectory: workDir,
            homeDirectory: home ?? workDir,
            configDirectory: configDir,
            serviceDefinitionsDirectory: serviceDefs,
            languageSpecsDirectory: languageSpecs,
            runtimePath: runtimePath,
            interruptGrace: .milliseconds(interruptGraceMs),
            limits: limits.runLimits,
            inputSocketPath: inputSocket.isEmpty ? nil : inputSocket,
            usesJupyter: !noJupyter
        )
        configuration.runtimePath = runtimePath ?? entry.defaultRuntimePath
        if let limit = jailPolicy?.processLimit {
            configuration.limits.process.processes = min(limit, configuration.limits.process.processes ?? limit)
        }

        let ports = try IntrinsicPorts(contentsOf: configDir + "/intrinsic-ports.json")
        let environ = EnvironFile(contentsOf: configDir + "/environ.txt")
        for problem in environ.problems {
            logger.warning("\(problem)")
        }
        var inherited = ProcessInfo.processInfo.environment
        jailPolicy?.apply(to: &inherited)
        let environment = ChildEnvironment(inherited: inherited, homeDirectory: configuration.homeDirectory, environ: environ)

        let transport = try ZMQTransport(
            TransportConfiguration(
                role: .runner,
                host: bind,
                inputPort: inputPort ?? ports.replIn ?? 2000,
                outputPort: outputPort ?? ports.replOut ?? 2001
            ),
            logger: logger
        )
        logger.info("serving \(entry.name) (\(configuration.runtimePath ?? "")) on \(transport.inputEndpoint) and \(transport.outputEndpoint)")
        if let readyFile {
            try writeReadyFile(readyFile, transport: transport)
        }

        let runner = entry.make()
        let serviceSettings = ServiceSettings(
            launchTimeout: .milliseconds(Int(serviceLaunchTimeout * 1000)),
            kernelDirectory: kernelDir,
            sshKeyDirectory: sshKeyDir
        )
        let services = ServiceManager(
            configuration: configuration,
            environment: environment,
            settings: serviceSettings,
            legacyServices: runner as? any LegacyServiceProvider,
            logger: logger
        )
        let boot = ContainerBoot(configuration: configuration, settings: serviceSettings, environment: environment, ports: ports, logger: logger)
        let daemon = Daemon(
            runner: runner,
            configuration: configuration,
            environment: environment,
            runtimePath: configuration.runtimePath ?? entry.defaultRuntimePath,
            transport: transport,
            services: services,
            logger: logger,
            startup: { await boot.start(services: services) }
        )
        let signals = ShutdownSignals { signal in
            logger.notice("received signal \(signal); shutting down")
            boot.stop()
            Task { await daemon.shutdown() }
        }
        await daemon.run()
        signals.cancel()
        logger.info("stopped")
    }

    private func makeLogger() -> Logger {
        var logger = Logger(label: "kernel-runner")
        logger.logLevel = debug ? .debug : .info
        return logger
    }

    private func writeReadyFile(_ path: String, transport: ZMQTransport) throws {
        let object = ["pid": "\(getpid())", "input": transport.inputEndpoint, "output": transport.outputEndpoint]
        // JSONEncoder and write(2), not JSONSerialization and Data.write: those wake CoreFoundation,
        // ICU and Foundation's file code, ~4 MiB of resident pages for the daemon's lifetime.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(object)
        let failure = { ValidationError("cannot write \(path): \(String(cString: strerror(errno)))") }
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure() }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == data.count, rename(temporary, path) == 0 else { throw failure() }
    }
}
