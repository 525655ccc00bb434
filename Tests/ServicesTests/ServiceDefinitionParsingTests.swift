import Foundation
import KernelProtocol
import TestSupport
import Testing

@testable import KernelRunnerCore
@testable import KernelRunnerServices

@Suite("Service definition files")
struct ServiceDefinitionParsingTests {
    private func parse(_ json: String) throws -> ServiceDefinition {
        try ServiceDefinition.parse(Data(json.utf8), source: "test.json").definition
    }

    @Test func parsesTheStockJupyterDefinition() throws {
        let definition = try parse(
            #"""
            {"prestart": [{"action": "write_tempfile", "args": {"body": ["c.port = {ports[0]}\n"]}, "ref": "jupyter_cfg"}],
             "command": ["{runtime_path}", "-m", "notebook", "--no-browser", "--config", "{jupyter_cfg}"]}
            """#)
        #expect(definition.command == .argv(["{runtime_path}", "-m", "notebook", "--no-browser", "--config", "{jupyter_cfg}"]))
        #expect(definition.shell == "bash")
        #expect(
            definition.prestart == [PrestartAction(.writeTemporaryFile(body: ["c.port = {ports[0]}\n"], mode: 0o644), ref: "jupyter_cfg")])
        #expect(!definition.noop)
    }

    @Test func parsesEveryKey() throws {
        let definition = try parse(
            #"""
            {"command": "code-server --port {ports[0]}", "shell": "sh", "url_template": "http://{host}:{port}/",
             "prestart_actions": [
               {"action": "write_file", "args": {"filename": "a", "body": ["x"], "mode": "755", "append": true}},
               {"action": "mkdir", "args": {"path": "logs"}},
               {"action": "run_command", "args": {"command": ["id", "-u"]}, "ref": "uid"},
               {"action": "log", "args": {"message": "hi", "debug": true}}],
             "env": {"A": "{ports[0]}", "N": 3}, "allowed_envs": ["PASSWORD"], "allowed_arguments": ["--auth"],
             "default_arguments": {"--auth": "none", "--flag": null, "--multi": ["a", "b"]}}
            """#)
        #expect(definition.command == .shell("code-server --port {ports[0]}"))
        #expect(definition.shell == "sh")
        #expect(definition.urlTemplate == "http://{host}:{port}/")
        #expect(
            definition.prestart.map(\.operation) == [
                .writeFile(filename: "a", body: ["x"], mode: 0o755, append: true),
                .makeDirectory(path: "logs"),
                .runCommand(command: ["id", "-u"], echo: false),
                .log(message: "hi", debug: true),
            ])
        #expect(definition.prestart[2].ref == "uid")
        #expect(definition.environment == ["A": "{ports[0]}", "N": "3"])
        #expect(definition.allowedEnvironment == ["PASSWORD"])
        #expect(definition.allowedArguments == ["--auth"])
        #expect(
            definition.defaultArguments == ["--auth": .string("none"), "--flag": .null, "--multi": .array([.string("a"), .string("b")])])
    }

    @Test func nullShellMeansSplitAndNoopNeedsNoCommand() throws {
        #expect(try parse(#"{"command": "a b", "shell": null}"#).shell == nil)
        let noop = try parse(#"{"noop": true}"#)
        #expect(noop.noop && noop.command == nil)
    }

    @Test func reportsUnknownTopLevelKeysWithoutFailing() throws {
        let (definition, ignored) = try ServiceDefinition.parse(
            Data(#"{"command": "{PYPATH}", "args": "-m x"}"#.utf8), source: "tensorboard.json")
        #expect(definition.command == .shell("{PYPATH}"))
        #expect(ignored == ["args"])
    }

    @Test(arguments: [
        (#"[1, 2]"#, ServiceDefinitionError.Code.invalidField),
        (#"{"command": 1}"#, .invalidField),
        (#"{"command": ["a", 1]}"#, .invalidField),
        (#"{}"#, .missingCommand),
        (#"{"command": "x", "prestart": [{"action": "rm_rf", "args": {}}]}"#, .unknownAction),
        (#"{"command": "x", "prestart": [{"action": "mkdir", "args": {"path": "a", "mode": "7"}}]}"#, .invalidField),
        (
            #"{"command": "x", "prestart": [{"action": "write_file", "args": {"filename": "a", "body": ["x"], "mode": "9"}}]}"#,
            .invalidField
        ),
        (#"{"command": "x", "default_arguments": {"--a": {"b": 1}}}"#, .invalidField),
        (#"{"command": "x", "shell": 3}"#, .invalidField),
        ("not json", .malformedJSON),
    ])
    func rejectsMalformedDefinitions(_ json: String, _ code: ServiceDefinitionError.Code) {
        let error = #expect(throws: ServiceDefinitionError.self) { try parse(json) }
        #expect(error?.code == code)
    }

    @Test func modelRequestsBecomeDefinitionsRunInTheModelFolder() throws {
        let request = ModelServiceRequest(
            name: "m", modelPath: "/models/m",
            service: .init(
                startCommand: .shell("serve --port 8000"), shell: nil,
                preStartActions: [.object(["action": .string("mkdir"), "args": .object(["path": .string("x")])])], port: 8000)
        )
        let definition = try ServiceDefinition(model: request)
        #expect(definition.workingDirectory == "/models/m")
        #expect(definition.shell == nil)
        #expect(definition.prestart == [PrestartAction(.makeDirectory(path: "x"))])
    }

    @Test func catalogSkipsBrokenFilesAndListsApps() throws {
        let fixture = try ServiceFixture()
        try fixture.define(
            "vscode",
            #"{"command": ["code-server"], "url_template": "http://{host}:{port}/", "allowed_arguments": ["--auth"], "allowed_envs": ["PASSWORD"]}"#
        )
        try fixture.define("jupyter", #"{"command": ["jupyter"]}"#)
        try fixture.define("broken", "{")
        try "not a definition".write(toFile: fixture.definitions + "/README.txt", atomically: true, encoding: .utf8)
        // Opens (root reads any file) but cannot be read: EISDIR.
        try FileManager.default.createDirectory(atPath: fixture.definitions + "/folder.json", withIntermediateDirectories: false)
        let catalog = ServiceDefinitionCatalog(directory: fixture.definitions)
        #expect(catalog.definitions.keys.sorted() == ["jupyter", "vscode"])
        #expect(catalog.problems.count == 2)
        #expect(catalog.problems.contains("service definition skipped: folder.json: cannot read it: Is a directory"))
        #expect(
            catalog.apps(named: "") == [
                AppInfo(name: "jupyter"),
                AppInfo(name: "vscode", urlTemplate: "http://{host}:{port}/", allowedArguments: ["--auth"], allowedEnvs: ["PASSWORD"]),
            ])
        #expect(catalog.apps(named: "jupyter") == [AppInfo(name: "jupyter")])
        #expect(catalog.apps(named: "nope") == [])
        #expect(ServiceDefinitionCatalog(directory: fixture.root + "/missing").definitions.isEmpty)
    }
}
