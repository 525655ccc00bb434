import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("PHP", .timeLimit(.minutes(2)))
    struct PHP {
        @Test(.enabled(if: Toolchain.available("php"), "php is not installed"))
        func queryInputCompletionAndProject() async throws {
            try await LanguageScenario(
                language: "php",
                hello: "echo \"hello\\n\";\n",
                broken: "echo \"x\" foo(;\n",
                brokenMessage: "Parse error",
                greeter: "$name = trim(fgets(STDIN));\necho \"hi $name\\n\";\n",
                completion: ("var_d", "var_dump"),
                project: [
                    "main.php": "<?php\nrequire __DIR__ . '/lib/greet.php';\necho greet('php'), \"\\n\";\n",
                    "lib/greet.php": "<?php\nfunction greet(string $who): string { return \"hello from $who\"; }\n",
                ],
                projectOutput: "hello from php\n",
                missingMessage: "php-kernel: cannot find \"main.php\""
            ).run { daemon in
                // The original added a second open tag to code that had one: a parse error.
                let tagged = try await daemon.query("<?php\necho \"tagged\\n\";\nexit(2);\n")
                #expect(tagged.stdout == "tagged\n", "stderr: \(tagged.stderr)")
                #expect(tagged.exitCode == 2)
            }
        }
    }
}
