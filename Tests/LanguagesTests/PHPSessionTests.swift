import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("PHP session", .timeLimit(.minutes(2)))
    struct PHPSession {
        @Test(.enabled(if: Toolchain.available("php"), "php is not installed"))
        func stateSurvivesBetweenCells() async throws {
            try await SessionScenario(
                language: "php",
                define: "$counter = 41;\nfunction bump() { global $counter; return $counter + 1; }\nclass Box { const SIDE = 2; }\n",
                use: "echo bump(), \"\\n\";\n",
                failing: "throw new RuntimeException('boom');\n",
                errorMessage: "Uncaught RuntimeException: boom",
                endlessLoop: "echo \"looping\\n\";\nwhile (true) {}\n",
                interruptedExitCode: 130,
                greeter: "$name = trim(fgets(STDIN));\necho \"hi $name\\n\";\n",
                completion: ("bum", "bump"),
                crash: "exit(3);\n",
                stateLost: "echo function_exists('bump') ? \"kept\\n\" : \"lost\\n\";\n"
            ).run { daemon in
                // Classes survive too, and a cell may open with its own tag.
                let tagged = try await daemon.query("<?php\necho Box::SIDE * 21, \"\\n\";\n")
                #expect(tagged.stdout == "42\n", "stderr: \(tagged.stderr)")
            }
        }
    }
}
