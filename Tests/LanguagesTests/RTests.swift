import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("R", .timeLimit(.minutes(2)))
    struct R {
        @Test(.enabled(if: Toolchain.available("Rscript"), "Rscript is not installed"))
        func queryInputCompletionAndProject() async throws {
            try await LanguageScenario(
                language: "r",
                hello: "cat(\"hello\\n\")\n",
                broken: "x <- (\n",
                brokenMessage: "unexpected end of input",
                greeter: "name <- readLines(file(\"stdin\"), n = 1)\ncat(paste0(\"hi \", name), \"\\n\", sep = \"\")\n",
                completion: ("past", "paste0"),
                project: [
                    "main.R": "source(\"lib/greet.R\")\ncat(greet(\"r\"), \"\\n\", sep = \"\")\n",
                    "lib/greet.R": "greet <- function(who) paste(\"hello from\", who)\n",
                ],
                projectOutput: "hello from r\n",
                missingMessage: "r-kernel: cannot find \"main.R\""
            ).run()
        }
    }
}
