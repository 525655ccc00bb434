import CSystem
import Glibc
import KernelProtocol
import KernelRunnerBoot
import KernelRunnerCore
public import KernelRunnerLanguages
import KernelRunnerPolicy
import KernelRunnerServices
import KernelTransport
import Logging
import ProcessSupervision
import SystemSupport

/// The whole kernel runner as one library call: what `kernel-runner <language>` runs.
///
/// An image author who needs a runner of their own writes a small executable package that
/// depends on this library, registers a ``BaseRunner`` in a ``LanguageRegistry``, and calls
/// ``run()`` (or ``KernelRunnerCommandLine`` for the same command line as `kernel-runner`):
///
/// ```swift
/// var registry = LanguageRegistry.builtIn
/// registry.register(.init(name: "perl", defaultRuntimePath: "perl") { PerlRunner() })
/// try await KernelRunnerDaemon(configuration: .init(language: "perl"), registry: registry).run()
/// ```
public struct KernelRunnerDaemon: Sendable {
    public let configuration: Configuration
    public let registry: LanguageRegistry

    /// - Parameter registry: the languages to serve from; declarative specs in
    ///   ``RunnerConfiguration/languageSpecsDirectory`` are added to it at start.
    public init(configuration: Configuration, registry: LanguageRegistry = .builtIn) {
        self.configuration = configuration
        self.registry = registry
    }

    /// Binds the agent's ports and serves until SIGTERM or SIGINT, then stops gracefully
    /// (within 3 s: the run in progress gets its terminal frame, services are stopped).
    ///
    /// - Throws: ``ConfigurationError`` for an unknown language, an invalid language spec,
    ///   policy or `intrinsic-ports.json`; `TransportError` when a port cannot be bound.
    public func run() async throws {
        // Users' programs write into pipes the agent may close; a dead reader must be an error
        // code, never a fatal signal for the daemon.
        signal(SIGPIPE, SIG_IGN)
        krs_start_sanitizer_symbolizer()
        let logger = makeLogger()
        let languages = try registry.addingSpecs(from: configuration.runner.languageSpecsDirectory)
        guard let entry = languages.entry(for: configuration.language) else {
            throw ConfigurationError(
                .unknownLanguage, path: configuration.language,
                detail: "known: \(languages.entries.map(\.name).joined(separator: ", "))")
        }
        // Checked before binding: a policy that does not load must stop the daemon, not leave it unconfined.
        let policy = try configuration.policyPath.map(JailPolicy.init(contentsOf:))
        if let policy, let path = configuration.policyPath {
            logger.info(
                "jail policy \(path): \(policy.retainedEnvironmentKeys.count) preserved variables, max_child_procs \(policy.processLimit.map(String.init) ?? "unlimited")"
            )
        }
        var runnerConfiguration = configuration.runner
        runnerConfiguration.sandbox = try makeSandbox(policy, logger: logger)
        runnerConfiguration.runtimePath = configuration.runtimePath ?? entry.defaultRuntimePath
        if let limit = policy?.processLimit {
            runnerConfiguration.limits.process.processes = min(limit, runnerConfiguration.limits.process.processes ?? limit)
        }

        let configDirectory = runnerConfiguration.configDirectory
        let ports = try IntrinsicPorts(contentsOf: configDirectory + "/intrinsic-ports.json")
        let environ = EnvironFile(contentsOf: configDirectory + "/environ.txt")
        for problem in environ.problems {
            logger.warning("\(problem)")
        }
        var inherited = ProcessEnvironment.variables
        policy?.apply(to: &inherited)
        let environment = ChildEnvironment(inherited: inherited, homeDirectory: runnerConfiguration.homeDirectory, environ: environ)

        // Before anything can exhaust the descriptors it needs.
        ProcessReaper.start()
        let transport = try ZMQTransport(
            TransportConfiguration(
                role: .runner,
                host: configuration.bindAddress,
                inputPort: configuration.inputPort ?? ports.replIn ?? 2000,
                outputPort: configuration.outputPort ?? ports.replOut ?? 2001
            ),
            logger: logger
        )
        let runtimePath = runnerConfiguration.runtimePath ?? entry.defaultRuntimePath
        logger.info("serving \(entry.name) (\(runtimePath)) on \(transport.inputEndpoint) and \(transport.outputEndpoint)")
        if let readyFile = configuration.readyFile {
            try ReadyFile.write(readyFile, transport: transport)
        }

        let runner = entry.make()
        let services = ServiceManager(
            configuration: runnerConfiguration,
            environment: environment,
            settings: configuration.services,
            legacyServices: runner as? any LegacyServiceProvider,
            logger: logger
        )
        let boot = ContainerBoot(
            configuration: runnerConfiguration, settings: configuration.services, environment: environment, ports: ports, logger: logger)
        let daemon = Daemon(
            runner: runner,
            configuration: runnerConfiguration,
            environment: environment,
            runtimePath: runtimePath,
            transport: transport,
            services: services,
            logger: logger,
            taskSink: TaskLogSink.wrap(
                transport, workingDirectory: runnerConfiguration.workingDirectory, kernelID: environment["BACKENDAI_KERNEL_ID"],
                logger: logger),
            startup: { await boot.start(services: services) }
        )
        _ = try SignalForwarder([SIGTERM, SIGINT]) { signal in
            logger.notice("received signal \(signal); shutting down")
            boot.stop()
            Task { await daemon.shutdown() }
        }
        await daemon.run()
        SupervisedProcess.releaseSpares()
        logger.info("stopped")
    }

    private func makeLogger() -> Logger {
        var logger = Logger(label: "kernel-runner")
        logger.logLevel = configuration.logLevel
        return logger
    }
}
