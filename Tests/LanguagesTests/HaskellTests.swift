import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("Haskell", .timeLimit(.minutes(4)))
    struct Haskell {
        @Test(.enabled(if: Toolchain.available("ghc", "runhaskell"), "ghc is not installed"))
        func queryInputCompletionAndTwoModuleProject() async throws {
            try await LanguageScenario(
                language: "haskell",
                hello: "main :: IO ()\nmain = putStrLn \"hello\"\n",
                broken: "main :: IO ()\nmain = undefinedThing\n",
                brokenMessage: "Variable not in scope: undefinedThing",
                greeter: "main :: IO ()\nmain = do\n  name <- getLine\n  putStrLn (\"hi \" ++ name)\n",
                completion: ("putStrL", "putStrLn"),
                project: [
                    "Main.hs":
                        "module Main (main) where\n\nimport Greeting.Text (greeting)\n\nmain :: IO ()\nmain = putStrLn (greeting \"modules\")\n",
                    "Greeting/Text.hs":
                        "module Greeting.Text (greeting) where\n\ngreeting :: String -> String\ngreeting who = \"hello from \" ++ who\n",
                ],
                projectOutput: "hello from modules\n",
                missingMessage: "haskell-kernel: cannot find build script (\"Makefile\") or the Main module",
                compilesQueries: true,
                // Query mode is a GHCi session (HaskellSessionTests); this checks the one-shot
                // programs and their compile cache.
                arguments: ["--stateless-query"]
            ).run()
        }
    }
}
