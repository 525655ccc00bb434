import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("Go", .timeLimit(.minutes(4)))
    struct Go {
        @Test(.enabled(if: Toolchain.available("go"), "go is not installed"))
        func queryInputCompletionModuleAndFlatProject() async throws {
            try await LanguageScenario(
                language: "golang",
                hello: "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n",
                broken: "package main\n\nfunc main() { undefinedThing() }\n",
                brokenMessage: "undefined: undefinedThing",
                greeter: """
                    package main

                    import (
                    \t"bufio"
                    \t"fmt"
                    \t"os"
                    \t"strings"
                    )

                    func main() {
                    \tline, _ := bufio.NewReader(os.Stdin).ReadString('\\n')
                    \tfmt.Println("hi " + strings.TrimSpace(line))
                    }
                    """,
                completion: ("Prin", "Println"),
                project: [
                    "go.mod": "module example.com/app\n\ngo 1.19\n",
                    "main.go": """
                    package main

                    import (
                    \t"fmt"

                    \t"example.com/app/greet"
                    )

                    func main() { fmt.Println(greet.Text("module")) }
                    """,
                    "greet/greet.go": "package greet\n\nfunc Text(who string) string { return \"hello from the \" + who }\n",
                ],
                projectOutput: "hello from the module\n",
                missingMessage: "go-kernel: cannot find \"go.mod\" or \"main.go\"",
                compilesQueries: true
            ).run { daemon in
                let exit = try await daemon.query("package main\n\nimport \"os\"\n\nfunc main() { os.Exit(3) }\n")
                #expect(exit.exitCode == 3, "the program's own exit code, not go run's 1")

                // Without go.mod: the files next to main.go form the package.
                try ProjectFiles.write(
                    [
                        "main.go": "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(helper()) }\n",
                        "helper.go": "package main\n\nfunc helper() string { return \"flat package\" }\n",
                    ], into: daemon.workDirectory)
                let flat = try await daemon.batch(build: "*", exec: "*")
                #expect(flat[1].exitCode == 0, "build: \(flat[1].stderr)")
                #expect(flat[2].stdout == "flat package\n")
            }
        }
    }
}
