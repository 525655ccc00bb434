import KernelProtocol
import Testing

@testable import KernelRunnerCore
@testable import KernelRunnerLanguages
@testable import KernelRunnerServices

@Suite("Python's legacy service table")
struct PythonLegacyServicesTests {
    let variables: [String: JSONValue] = ["runtime_path": .string("/py"), "ports": .array([.number(9000)])]

    @Test func pythonLegacyTableRunsTheRuntime() throws {
        let configuration = RunnerConfiguration(workingDirectory: "/w{x}", runtimePath: "/py")
        let runner = PythonRunner()
        #expect(runner.legacyService(named: "nope", configuration: configuration) == nil)
        let tensorboard = try #require(runner.legacyService(named: "tensorboard", configuration: configuration))
        #expect(
            try tensorboard.commandLine(options: nil, variables: variables)
                == [
                    "/py", "-m", "tensorboard.main", "--logdir", "/w{x}/logs", "--host", "0.0.0.0", "--port", "9000", "--debugger_port",
                    "6064",
                ])
        #expect(tensorboard.prestart == [PrestartAction(.makeDirectory(path: "/w{{x}}/logs"))])
        let jupyter = try #require(runner.legacyService(named: "jupyter", configuration: configuration))
        #expect(
            try jupyter.commandLine(options: nil, variables: variables.merging(["jupyter_config": .string("/tmp/c.py")]) { $1 })
                == ["/py", "-m", "notebook", "--no-browser", "--config", "/tmp/c.py"])
        let spectravis = try #require(runner.legacyService(named: "spectravis", configuration: configuration))
        #expect(spectravis.workingDirectory == "/w{x}/spectravis")
    }
}
