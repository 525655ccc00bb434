import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("Scheme", .timeLimit(.minutes(2)))
    struct Scheme {
        @Test(.enabled(if: Toolchain.available("mit-scheme"), "mit-scheme is not installed"))
        func queryInputCompletionAndProject() async throws {
            try await LanguageScenario(
                language: "scheme",
                hello: "(display \"hello\")\n(newline)\n",
                broken: "(car 1)\n",
                brokenMessage: "is not the correct type",
                greeter: "(define name (read-line))\n(display (string-append \"hi \" name))\n(newline)\n",
                completion: ("newl", "newline"),
                project: [
                    "main.scm": "(load \"lib/greet.scm\")\n(display (greet \"scheme\"))\n(newline)\n",
                    "lib/greet.scm": "(define (greet who) (string-append \"hello from \" who))\n",
                ],
                projectOutput: "hello from scheme\n",
                missingMessage: "scheme-kernel: cannot find \"main.scm\""
            ).run()
        }
    }
}
