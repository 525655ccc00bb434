import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("Node.js", .timeLimit(.minutes(3)))
    struct Node {
        @Test(.enabled(if: Toolchain.available("node", "npm"), "node or npm is not installed"))
        func queryInputCompletionAndNpmProject() async throws {
            try await LanguageScenario(
                language: "nodejs",
                hello: "console.log('hello');\n",
                broken: "console.log(;\n",
                brokenMessage: "SyntaxError",
                greeter: """
                    const lines = require('readline').createInterface({ input: process.stdin });
                    lines.once('line', (line) => { console.log('hi ' + line); lines.close(); });
                    """,
                completion: ("consol", "console"),
                project: [
                    // No dependencies: npm install is skipped (no registry here); the build and
                    // start scripts run.
                    "package.json": #"{"name": "app", "version": "1.0.0", "scripts": {"build": "node build.js", "start": "node main.js"}}"#,
                    "build.js": "require('fs').writeFileSync('built.txt', 'built');\n",
                    "main.js":
                        "const greet = require('./lib/greet');\nconsole.log(greet(require('fs').readFileSync('built.txt', 'utf8')));\n",
                    "lib/greet.js": "module.exports = (how) => `hello from a ${how} package`;\n",
                ],
                projectOutput: "hello from a built package\n",
                leftovers: ["README.md": "no entry point here\n"],
                missingMessage: "nodejs-kernel: cannot find a start script in package.json, or \"main.js\" or \"index.js\""
            ).run { daemon in
                // Without package.json: index.js, with a local require.
                try ProjectFiles.write(
                    [
                        "index.js": "console.log(require('./util').answer);\nprocess.exitCode = 6;\n",
                        "util.js": "exports.answer = 42;\n",
                    ], into: daemon.workDirectory)
                let plain = try await daemon.batch(build: "*", exec: "*")
                #expect(plain[2].stdout == "42\n")
                #expect(plain[2].exitCode == 6)

                let module = try await daemon.query("import { sep } from 'node:path';\nconsole.log(sep);\n")
                #expect(module.stdout == "/\n", "stderr: \(module.stderr)")
            }
        }
    }
}
