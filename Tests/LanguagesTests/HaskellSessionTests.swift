import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("Haskell (GHCi) session", .timeLimit(.minutes(3)))
    struct HaskellSession {
        /// GHCi stops the statement on an interrupt ("Interrupted.", exit 1) and keeps its
        /// bindings. `define` and `stateLost` are whole programs too, for the stateless check:
        /// `stateLost` shows "kept" only while `define`'s `reverse` shadows the Prelude's.
        @Test(.enabled(if: Toolchain.available("ghc", "ghci"), "ghc is not installed"))
        func stateSurvivesBetweenCells() async throws {
            try await SessionScenario(
                language: "haskell",
                define:
                    "counter :: Int\ncounter = 41\n\nbump :: Int -> Int\nbump x = x + 1\n\nreverse :: String -> String\nreverse _ = \"kept\"\n\nmain :: IO ()\nmain = pure ()\n",
                use: "print (bump counter)\n",
                failing: "print (undefinedThing :: Int)\nputStrLn \"not reached\"\n",
                errorMessage: "Variable not in scope: undefinedThing",
                endlessLoop: "let spin n = (if n == 1000 then putStrLn \"looping\" else pure ()) >> spin (n + 1 :: Int) in spin 0\n",
                interruptedExitCode: 1,
                greeter: "name <- getLine\nputStrLn (\"hi \" ++ name)\n",
                // GHCi cannot complete over the session's channel: the fallback answers.
                completion: ("putStrL", "putStrLn"),
                crash: "System.Posix.Process.exitImmediately (System.Exit.ExitFailure 3)\n",
                stateLost: "main :: IO ()\nmain = putStrLn (reverse \"tsol\")\n"
            ).run { daemon in
                // `it` is the user's: the session's own commands leave it alone.
                _ = try await daemon.query("40 + 2\n")
                #expect(try await daemon.query("print (it :: Integer)\n").stdout == "42\n")
            }
        }
    }
}
