import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("Octave", .timeLimit(.minutes(2)))
    struct Octave {
        @Test(.enabled(if: Toolchain.available("octave-cli"), "octave-cli is not installed"))
        func queryInputCompletionAndProject() async throws {
            try await LanguageScenario(
                language: "octave",
                hello: "printf(\"hello\\n\");\n",
                broken: "x = [1 2\n",
                brokenMessage: "parse error",
                greeter: "name = input(\"\", \"s\");\nprintf(\"hi %s\\n\", name);\n",
                completion: ("num2s", "num2str"),
                project: [
                    "main.m": "printf(\"%s\\n\", greet(\"octave\"));\n",
                    "greet.m": "function text = greet(who)\n  text = [\"hello from \" who];\nend\n",
                ],
                projectOutput: "hello from octave\n",
                // The original checked for main.js before running main.m.
                leftovers: ["main.js": "console.log('not octave')\n"],
                missingMessage: "octave-kernel: cannot find \"main.m\""
            ).run { daemon in
                // A snippet that starts with a function definition stays a script.
                let script = try await daemon.query("function r = twice(x)\n  r = 2 * x;\nend\nprintf(\"%d\\n\", twice(21));\n")
                #expect(script.stdout == "42\n", "stderr: \(script.stderr)")
            }
        }
    }
}
