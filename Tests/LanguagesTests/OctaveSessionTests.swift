import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("Octave session", .timeLimit(.minutes(3)))
    struct OctaveSession {
        /// Octave cannot catch an interrupt; the driver ends the cell from its cleanup and serves
        /// on: "Interrupted", exit 1, state kept.
        @Test(.enabled(if: Toolchain.available("octave-cli"), "octave-cli is not installed"))
        func stateSurvivesBetweenCells() async throws {
            try await SessionScenario(
                language: "octave",
                define: "counter = 41;\nfunction r = bump(x)\n  r = x + 1;\nend\n",
                use: "printf(\"%d\\n\", bump(counter));\n",
                failing: "error(\"boom\");\nprintf(\"not reached\\n\");\n",
                errorMessage: "error: boom",
                endlessLoop: "n = 0;\nwhile true\n  n = n + 1;\n  if n == 1000\n    printf(\"looping\\n\"); fflush(stdout);\n  end\nend\n",
                interruptedExitCode: 1,
                greeter: "name = input(\"Name? \", \"s\");\nprintf(\"hi %s\\n\", name);\n",
                completion: ("counte", "counter"),
                crash: "exit(3);\n",
                stateLost: "if exist(\"counter\")\n  disp(\"kept\");\nelse\n  disp(\"lost\");\nend\n"
            ).run { daemon in
                // `clear all` in a cell clears the user's state, not the driver's.
                let cleared = try await daemon.query("clear all;\nx = 2\n")
                #expect(cleared.stdout == "x = 2\n", "stderr: \(cleared.stderr)")
                #expect(try await daemon.query("printf(\"%d\\n\", x + 40);\n").stdout == "42\n")
            }
        }
    }
}
