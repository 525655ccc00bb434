import KernelProtocol
@testable import KernelRunner
import Testing

@Suite("Resolving a definition to a command line")
struct ServiceLaunchTests {
    let variables: [String: JSONValue] = ["runtime_path": .string("/py"), "ports": .array([.number(9000)])]

    @Test func scriptCommandsRunThroughTheShellOrAreSplit() throws {
        var definition = ServiceDefinition(command: .shell("serve --port {ports[0]} 'a b'"))
        #expect(try definition.commandLine(options: nil, variables: variables) == ["bash", "-c", "serve --port 9000 'a b'"])
        definition.shell = nil
        #expect(try definition.commandLine(options: nil, variables: variables) == ["serve", "--port", "9000", "a b"])
        definition.command = .argv(["{runtime_path}", "-m", "x"])
        #expect(try definition.commandLine(options: nil, variables: variables) == ["/py", "-m", "x"])
    }

    @Test func userArgumentsReplaceDefaultsAndAreNotExpanded() throws {
        let definition = ServiceDefinition(
            command: .argv(["code-server"]),
            allowedArguments: ["--auth", "--verbose"],
            defaultArguments: ["--auth": .string("none"), "--port": .string("{ports[0]}"), "--x": .null, "--list": .array([.string("a"), .string("b")])]
        )
        #expect(try definition.commandLine(options: nil, variables: variables)
            == ["code-server", "--auth", "none", "--list", "a", "b", "--port", "9000", "--x"])
        let options = ServiceRequest.Options(arguments: ["--auth": .string("pass{word}"), "--verbose": .null])
        #expect(try definition.commandLine(options: options, variables: variables)
            == ["code-server", "--auth", "pass{word}", "--list", "a", "b", "--port", "9000", "--verbose", "--x"])
    }

    @Test func checksUserOptionsAgainstTheAllowedLists() throws {
        let definition = ServiceDefinition(command: .argv(["x"]), allowedEnvironment: ["PASSWORD", "HOME"], allowedArguments: ["--auth"])
        let locked: Set<String> = ["HOME", "PATH"]
        try definition.validate(.init(arguments: ["--auth": .string("a")], envs: ["PASSWORD": .string("p")]), service: "vscode", lockedEnvironment: locked)
        let argument = #expect(throws: ServiceError.self) {
            try definition.validate(.init(arguments: ["--evil": .null]), service: "vscode", lockedEnvironment: locked)
        }
        #expect(argument == ServiceError(.argumentNotAllowed, "argument --evil is not allowed for service vscode"))
        let variable = #expect(throws: ServiceError.self) {
            try definition.validate(.init(envs: ["LD_PRELOAD": .string("x")]), service: "vscode", lockedEnvironment: locked)
        }
        #expect(variable?.code == .environmentNotAllowed)
        let locked2 = #expect(throws: ServiceError.self) {
            try definition.validate(.init(envs: ["HOME": .string("/")]), service: "vscode", lockedEnvironment: locked)
        }
        #expect(locked2 == ServiceError(.environmentLocked, "environment variable HOME can't be overwritten"))
    }

    @Test func definitionEnvironmentIsExpandedAndWinsOverTheUsers() throws {
        let definition = ServiceDefinition(command: .argv(["x"]), environment: ["PORT": "{ports[0]}", "MODE": "fixed"], allowedEnvironment: ["MODE", "PASSWORD"])
        let options = ServiceRequest.Options(envs: ["MODE": .string("user"), "PASSWORD": .number(42)])
        #expect(try definition.launchEnvironment(options: options, variables: variables) == ["PORT": "9000", "MODE": "fixed", "PASSWORD": "42"])
    }

    @Test func pythonLegacyTableRunsTheRuntime() throws {
        let configuration = RunnerConfiguration(workingDirectory: "/w{x}", runtimePath: "/py")
        let runner = PythonRunner()
        #expect(runner.legacyService(named: "nope", configuration: configuration) == nil)
        let tensorboard = try #require(runner.legacyService(named: "tensorboard", configuration: configuration))
        #expect(try tensorboard.commandLine(options: nil, variables: variables)
            == ["/py", "-m", "tensorboard.main", "--logdir", "/w{x}/logs", "--host", "0.0.0.0", "--port", "9000", "--debugger_port", "6064"])
        #expect(tensorboard.prestart == [PrestartAction(.makeDirectory(path: "/w{{x}}/logs"))])
        let jupyter = try #require(runner.legacyService(named: "jupyter", configuration: configuration))
        #expect(try jupyter.commandLine(options: nil, variables: variables.merging(["jupyter_config": .string("/tmp/c.py")]) { $1 })
            == ["/py", "-m", "notebook", "--no-browser", "--config", "/tmp/c.py"])
        let spectravis = try #require(runner.legacyService(named: "spectravis", configuration: configuration))
        #expect(spectravis.workingDirectory == "/w{x}/spectravis")
    }
}
