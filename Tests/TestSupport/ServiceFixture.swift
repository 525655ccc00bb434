import Foundation
import KernelProtocol
import KernelRunner
import Logging
import Synchronization

/// A private work directory and service-defs directory, and managers built on them.
public struct ServiceFixture {
    public let root: String
    public let work: String
    public let definitions: String

    public init() throws {
        // Standardised: programs report their cwd without the doubled slash of TMPDIR + "/".
        root = (try TemporaryDirectory.make(prefix: "kr-services-") as NSString).standardizingPath
        work = root + "/work"
        definitions = root + "/service-defs"
        for directory in [work, definitions] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
    }

    public var configuration: RunnerConfiguration {
        RunnerConfiguration(
            workingDirectory: work,
            homeDirectory: work,
            configDirectory: root + "/config",
            serviceDefinitionsDirectory: definitions,
            runtimePath: Toolchain.find("python3") ?? "python3"
        )
    }

    public var environment: ChildEnvironment {
        ChildEnvironment(inherited: ProcessInfo.processInfo.environment, homeDirectory: work, environ: EnvironFile(parsing: ""))
    }

    /// Short bounds, so failing tests fail fast; paths inside the fixture.
    public var settings: ServiceSettings {
        ServiceSettings(
            launchTimeout: TimeBound.hang(after: .seconds(15)), kernelDirectory: root + "/kernel", sshKeyDirectory: root + "/dropbear")
    }

    /// Writes `<name>.json`.
    public func define(_ name: String, _ json: String) throws {
        try json.write(toFile: "\(definitions)/\(name).json", atomically: true, encoding: .utf8)
    }

    public func manager(settings: ServiceSettings? = nil, legacy: (any LegacyServiceProvider)? = nil) -> ServiceManager {
        ServiceManager(
            configuration: configuration,
            environment: environment,
            settings: settings ?? self.settings,
            legacyServices: legacy,
            logger: Logger(label: "test.services")
        )
    }

    /// The pid a service wrote to `name` in the work directory, once it is there.
    public func pid(writtenTo name: String, timeout: Duration = TimeBound.hang(after: .seconds(10))) async throws -> pid_t {
        guard let pid = await PIDFile.pid(in: work + "/" + name, within: timeout) else {
            throw HarnessError("no pid in \(name) within \(timeout)")
        }
        return pid
    }
}
