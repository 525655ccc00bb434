import KernelProtocol
import Testing

@testable import KernelRunnerCore
@testable import KernelRunnerServices

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
            defaultArguments: [
                "--auth": .string("none"), "--port": .string("{ports[0]}"), "--x": .null, "--list": .array([.string("a"), .string("b")]),
            ]
        )
        #expect(
            try definition.commandLine(options: nil, variables: variables)
                == ["code-server", "--auth", "none", "--list", "a", "b", "--port", "9000", "--x"])
        let options = ServiceRequest.Options(arguments: ["--auth": .string("pass{word}"), "--verbose": .null])
        #expect(
            try definition.commandLine(options: options, variables: variables)
                == ["code-server", "--auth", "pass{word}", "--list", "a", "b", "--port", "9000", "--verbose", "--x"])
    }

    @Test func checksUserOptionsAgainstTheAllowedLists() throws {
        let definition = ServiceDefinition(command: .argv(["x"]), allowedEnvironment: ["PASSWORD", "HOME"], allowedArguments: ["--auth"])
        let locked: Set<String> = ["HOME", "PATH"]
        try definition.validate(
            .init(arguments: ["--auth": .string("a")], envs: ["PASSWORD": .string("p")]), service: "vscode", lockedEnvironment: locked)
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
        let definition = ServiceDefinition(
            command: .argv(["x"]), environment: ["PORT": "{ports[0]}", "MODE": "fixed"], allowedEnvironment: ["MODE", "PASSWORD"])
        let options = ServiceRequest.Options(envs: ["MODE": .string("user"), "PASSWORD": .number(42)])
        #expect(
            try definition.launchEnvironment(options: options, variables: variables) == ["PORT": "9000", "MODE": "fixed", "PASSWORD": "42"])
    }

    @Test(arguments: ["jupyter", "jupyterlab"])
    func jupyterGetsASessionCookieNamedAfterTheSession(service: String) {
        let launch = ServiceLaunch(arguments: ["/py", "-m", "notebook"], environment: [:])
        #expect(
            launch.overridingJupyterCookie(service: service, sessionID: "s-1").arguments == [
                "/py", "-m", "notebook",
                #"--IdentityProvider.cookie_options={"expires_days": None}"#,
                "--IdentityProvider.cookie_name=bai-jupyter-s-1",
            ])
        #expect(launch.overridingJupyterCookie(service: service, sessionID: nil).arguments.count == 4)
        #expect(launch.overridingJupyterCookie(service: "vscode", sessionID: "s-1") == launch)
    }
}
