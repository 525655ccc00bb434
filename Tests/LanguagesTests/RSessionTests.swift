import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("R session", .timeLimit(.minutes(3)))
    struct RSession {
        /// R's interrupt is a condition the driver catches: "Interrupted", exit 1, state kept.
        @Test(.enabled(if: Toolchain.available("Rscript"), "Rscript is not installed"))
        func stateSurvivesBetweenCells() async throws {
            try await SessionScenario(
                language: "r",
                define: "counter <- 41\nbump <- function() counter + 1\n",
                use: "cat(bump(), \"\\n\", sep = \"\")\n",
                failing: "stop(\"boom\")\ncat(\"not reached\\n\")\n",
                errorMessage: "Error: boom",
                endlessLoop: "n <- 0\nrepeat {\n  n <- n + 1\n  if (n == 1000) cat(\"looping\\n\")\n}\n",
                interruptedExitCode: 1,
                greeter: "name <- readline(\"Name? \")\ncat(\"hi\", name, \"\\n\")\n",
                completion: ("counte", "counter"),
                crash: "quit(status = 3)\n",
                stateLost: "cat(if (exists(\"counter\")) \"kept\" else \"lost\", \"\\n\", sep = \"\")\n"
            ).run { daemon in
                // A visible value is printed as at R's prompt; a warning follows its expression.
                let shown = try await daemon.query("bump()\nas.integer(\"x\")\n")
                #expect(shown.stdout == "[1] 42\n[1] NA\n", "stderr: \(shown.stderr)")
                #expect(shown.stderr == "Warning message:\nNAs introduced by coercion\n")
            }
        }
    }
}
