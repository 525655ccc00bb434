import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("git (shell)", .timeLimit(.minutes(2)))
    struct Shell {
        @Test(.enabled(if: Toolchain.available("bash", "git"), "bash or git is not installed"))
        func queryInputCompletionAndScripts() async throws {
            try await LanguageScenario(
                language: "git",
                hello: "echo hello\n",
                broken: "echo (\n",
                brokenMessage: "syntax error",
                greeter: "read -r name\necho \"hi $name\"\n",
                completion: ("chec", "checkout"),
                project: [
                    "build.sh": "printf 'built\\n' > out.txt\n",
                    "main.sh": ". ./lib.sh\ngreet \"$(cat out.txt)\"\n",
                    "lib.sh": "greet() { echo \"hello from a $1 script\"; }\n",
                ],
                projectOutput: "hello from a built script\n",
                missingMessage: "shell-kernel: cannot find \"main.sh\" for exec *"
            ).run { daemon in
                // Query mode runs in the work dir: git works on the user's files.
                let log = try await daemon.query(
                    """
                    git init -q repo && cd repo
                    echo data > file.txt && git add file.txt
                    git -c user.name=Test -c user.email=test@example.com commit -qm 'first commit'
                    git log --format=%s
                    """)
                #expect(log.stdout == "first commit\n", "stderr: \(log.stderr)")
                #expect(FileManager.default.fileExists(atPath: daemon.workDirectory + "/repo/file.txt"))
            }
        }
    }
}
