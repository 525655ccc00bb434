import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("Node.js session", .timeLimit(.minutes(2)))
    struct NodeSession {
        @Test(.enabled(if: Toolchain.available("node"), "node is not installed"))
        func stateSurvivesBetweenCells() async throws {
            try await SessionScenario(
                language: "nodejs",
                define: "let counter = 41;\nconst step = 1;\nfunction bump() { return counter + step; }\n",
                use: "console.log(bump());\n",
                failing: "throw new Error('boom');\n",
                errorMessage: "Error: boom",
                endlessLoop: "console.log('looping');\nwhile (true) {}\n",
                interruptedExitCode: 130,
                greeter: """
                    const lines = require('readline').createInterface({ input: process.stdin });
                    lines.once('line', (line) => { console.log('hi ' + line); lines.close(); });
                    """,
                completion: ("bum", "bump"),
                crash: "process.exit(3);\n",
                stateLost: "console.log(typeof bump === 'undefined' ? 'lost' : 'kept');\n"
            ).run { daemon in
                // Top-level await, its declarations surviving; a timer set by a cell ends in it.
                let awaited = try await daemon.query("const later = await new Promise((done) => setTimeout(() => done(6), 20));\n")
                #expect(awaited.exitCode == 0, "stderr: \(awaited.stderr)")
                let timer = try await daemon.query("setTimeout(() => console.log('timer', later * 7), 50);\nundefined;\n")
                #expect(timer.stdout == "timer 42\n", "stderr: \(timer.stderr)")
                let kept = try await daemon.query("console.log(later);\n")
                #expect(kept.stdout == "6\n", "stderr: \(kept.stderr)")
            }
        }
    }
}
