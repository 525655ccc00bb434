import KernelProtocol
import Testing

@testable import KernelRunnerCore
@testable import KernelRunnerServices

@Suite("Service templates")
struct ServiceTemplateTests {
    let variables: [String: JSONValue] = [
        "runtime_path": .string("/usr/bin/python3"),
        "ports": .array([.number(8080), .number(8081)]),
        "result": .object(["out": .string("hello")]),
    ]

    @Test func expandsBraceAndDollarStyles() throws {
        #expect(try ServiceTemplate.expand("{runtime_path} -m x", with: variables) == "/usr/bin/python3 -m x")
        #expect(try ServiceTemplate.expand("--port={ports[0]}", with: variables) == "--port=8080")
        #expect(try ServiceTemplate.expand("${{ ports[1] }}", with: variables) == "8081")
        #expect(try ServiceTemplate.expand("{ result[out] }/${{result.out}}", with: variables) == "hello/hello")
        #expect(try ServiceTemplate.expand("{ports}", with: variables) == "[8080, 8081]")
    }

    @Test func doubledBracesAreLiteralAndShellParametersStay() throws {
        #expect(try ServiceTemplate.expand("c.x = {{'a': {ports[0]}}}", with: variables) == "c.x = {'a': 8080}")
        #expect(try ServiceTemplate.expand("echo ${HOME} $PATH }", with: variables) == "echo ${HOME} $PATH }")
        #expect(ServiceTemplate.escape("/a{b}") == "/a{{b}}")
        #expect(try ServiceTemplate.expand(ServiceTemplate.escape("/a{b}"), with: variables) == "/a{b}")
    }

    @Test(arguments: ["{nope}", "{ports[5]}", "{runtime_path[0]}", "{ports", "${{ ports[0]", "{}", "{ports!r}", "{result[err]}"])
    func rejectsWhatCannotBeExpanded(_ template: String) {
        #expect(throws: ServiceError.self) { try ServiceTemplate.expand(template, with: variables) }
        let error = try? #require(throws: ServiceError.self) { try ServiceTemplate.expand(template, with: variables) }
        #expect(error?.code == .template)
    }
}
