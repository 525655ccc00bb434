import Foundation
import KernelProtocol
import Logging
import TestSupport
import Testing

@testable import KernelRunnerCore
@testable import KernelRunnerServices

@Suite("Prestart actions")
struct PrestartActionTests {
    let fixture: ServiceFixture
    let context: PrestartContext
    let variables: [String: JSONValue] = ["ports": .array([.number(8080)]), "runtime_path": .string("/py")]

    init() throws {
        fixture = try ServiceFixture()
        context = PrestartContext(
            service: "svc", workingDirectory: fixture.work, environment: ProcessInfo.processInfo.environment,
            commandTimeout: TimeBound.hang(after: .seconds(5)), logger: Logger(label: "test.prestart")
        )
    }

    private func mode(of path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    @Test func writeFileAddsNewlinesExpandsAndAppends() async throws {
        let write = PrestartAction(
            .writeFile(filename: "conf-{ports[0]}", body: ["port={ports[0]}", "x={{y}}"], mode: 0o600, append: false))
        #expect(try await write.perform(with: variables, context: context) == .null)
        let path = fixture.work + "/conf-8080"
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "port=8080\nx={y}\n")
        #expect(try mode(of: path) == 0o600)
        let append = PrestartAction(.writeFile(filename: path, body: ["more"], mode: 0o644, append: true))
        _ = try await append.perform(with: variables, context: context)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "port=8080\nx={y}\nmore\n")
    }

    @Test func writeTempfileReturnsItsPath() async throws {
        let action = PrestartAction(.writeTemporaryFile(body: ["a = {ports[0]}\n", "b"], mode: 0o755))
        guard case .string(let path) = try await action.perform(with: variables, context: context) else {
            Issue.record("no path returned")
            return
        }
        defer { unlink(path) }
        #expect(path.hasSuffix(".py"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a = 8080\nb")
        #expect(try mode(of: path) == 0o755)
    }

    @Test func mkdirCreatesParentsAndRunCommandCapturesOutput() async throws {
        _ = try await PrestartAction(.makeDirectory(path: "a/b/{ports[0]}")).perform(with: variables, context: context)
        #expect(FileManager.default.fileExists(atPath: fixture.work + "/a/b/8080"))
        let result = try await PrestartAction(.runCommand(command: ["sh", "-c", "echo out {ports[0]}; echo err >&2; pwd"], echo: true))
            .perform(with: variables, context: context)
        #expect(result == .object(["out": .string("out 8080\n\(fixture.work)\n"), "err": .string("err\n")]))
        #expect(
            try await PrestartAction(.log(message: "port {ports[0]}", debug: false)).perform(with: variables, context: context) == .null)
    }

    @Test func failuresAreServiceErrors() async throws {
        let missing = await #expect(throws: ServiceError.self) {
            try await PrestartAction(.runCommand(command: ["/no/such/program"], echo: false)).perform(with: variables, context: context)
        }
        #expect(missing == ServiceError(.executableNotFound, "the executable file is not found: /no/such/program", errno: ENOENT))
        let unwritable = await #expect(throws: ServiceError.self) {
            try await PrestartAction(.writeFile(filename: "/no/such/dir/f", body: [], mode: 0o644, append: false)).perform(
                with: variables, context: context)
        }
        #expect(unwritable?.code == .prestart)
        var slow = context
        slow.commandTimeout = .milliseconds(200)
        let started = ContinuousClock.now
        let timeout = await #expect(throws: ServiceError.self) {
            try await PrestartAction(.runCommand(command: ["sleep", "30"], echo: false)).perform(with: variables, context: slow)
        }
        #expect(timeout?.code == .prestart)
        #expect(ContinuousClock.now - started < TimeBound.prestartTimeout)
    }

    @Test func refsFeedLaterTemplates() async throws {
        let definition = ServiceDefinition(
            command: .argv(["{runtime_path}", "--config", "{cfg}", "--user", "${{ who.out }}"]),
            prestart: [
                PrestartAction(.writeTemporaryFile(body: ["x"], mode: 0o644), ref: "cfg"),
                PrestartAction(.runCommand(command: ["printf", "alice"], echo: false), ref: "who"),
            ]
        )
        let launch = try await definition.prepareLaunch(
            service: "svc", options: nil, variables: variables, lockedEnvironment: [], prestart: context)
        #expect(launch.arguments.count == 5)
        #expect(launch.arguments[0] == "/py")
        #expect(launch.arguments[2].hasSuffix(".py"))
        #expect(launch.arguments[4] == "alice")
        unlink(launch.arguments[2])
    }

    @Test func rejectedOptionsRunNoPrestartStep() async throws {
        let definition = ServiceDefinition(command: .argv(["x"]), prestart: [PrestartAction(.makeDirectory(path: "should-not-exist"))])
        await #expect(throws: ServiceError.self) {
            try await definition.prepareLaunch(
                service: "svc", options: .init(arguments: ["--x": .null]), variables: variables, lockedEnvironment: [], prestart: context)
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.work + "/should-not-exist"))
    }
}
