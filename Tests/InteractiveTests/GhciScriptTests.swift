import Foundation
import TestSupport
import Testing

@testable import KernelRunnerInteractive

extension Interactive {
    /// How a Haskell cell becomes the GHCi script the ghci session runs.
    @Suite("GHCi scripts from Haskell cells")
    struct GhciScriptTests {
        @Test func aProgramIsOneBlockOfDeclarationsThenMain() {
            let script = GhciScript.script(for: "module Main where\n\nmain :: IO ()\nmain = do\n  putStrLn \"hi\"\n")
            #expect(script == ":{\nmain :: IO ()\nmain = do\n  putStrLn \"hi\"\n:}\nmain\n")
        }

        @Test func equationsOfOneFunctionShareABlockAndStatementsRunInOrder() {
            let script = GhciScript.script(for: "fact :: Int -> Int\nfact 0 = 1\nfact n = n * fact (n - 1)\nprint (fact 5)\nx <- pure 3\n")
            #expect(script == ":{\nfact :: Int -> Int\nfact 0 = 1\nfact n = n * fact (n - 1)\n:}\nprint (fact 5)\nx <- pure 3\n")
        }

        @Test func mainIsNotRunWhenTheCellRunsSomethingElse() {
            #expect(GhciScript.script(for: "main = print 1\nprint 2\n") == ":{\nmain = print 1\n:}\nprint 2\n")
        }

        @Test func importsPragmasAndCommandsPassThrough() {
            let script = GhciScript.script(for: "{-# LANGUAGE LambdaCase, TupleSections #-}\nimport Data.List\n  (sort)\n:type sort\n")
            #expect(script == ":set -XLambdaCase -XTupleSections\nimport Data.List   (sort)\n:type sort\n")
        }

        @Test func aCellWithItsOwnBlocksRunsAsItIs() {
            let code = ":{\nf :: Int\nf = 1\n:}\nprint f\n"
            #expect(GhciScript.script(for: code) == code)
        }

        @Test func aMultiLineStatementIsABlock() {
            #expect(GhciScript.script(for: "mapM_ print\n  [1, 2]\n") == ":{\nmapM_ print\n  [1, 2]\n:}\n")
        }

        @Test(arguments: [
            ("x = 1", true), ("f x | x > 0 = x", true), ("x, y :: Int", true), ("(<+>) :: Int -> Int -> Int", true),
            ("a <+> b = a + b", true), ("data T = T", true), ("instance Show T where", true),
            ("print (x == 1)", false), ("read s :: Int", false), ("x <- getLine", false), ("let y = 2", false),
            ("print [x | x <- [1, 2], x /= 1]", false), ("putStrLn \"a = b\"", false), ("print 'x' -- c = d", false),
            ("f' <- pure 1", false), ("xs >>= print", false),
        ])
        func declarationsAndStatements(code: String, isDeclaration: Bool) {
            #expect(GhciScript.items(in: code) == [isDeclaration ? .declaration(code) : .statement(code)])
        }

        @Test func commentsAndBlankLinesBeforeAnItemAreDropped() {
            #expect(GhciScript.items(in: "-- a comment\n\nprint 1\n\n") == [.statement("print 1")])
        }

        @Test func haskellStringsEscapeQuotesAndControlCharacters() {
            #expect(SessionDriver.haskellString("a\"b\\c") == "\"a\\\"b\\\\c\"")
            #expect(SessionDriver.haskellString("\u{1B}]k;1\u{07}") == "\"\\27\\&]k;1\\7\\&\"")
        }

        @Test func theCellRequestMarksRunsTheScriptAndSaysDone() throws {
            let cell = SessionDriver.Cell(id: 2, code: "print 1\n", path: "/tmp/channel/cell-2.hs", channel: "/tmp/channel", marker: "M")
            let request = try #require(SessionDriver.ghci.encodeCell?(cell))
            #expect(request == ":kernelRunnerMark\n:script /tmp/channel/cell-2.hs\n:kernelRunnerDone 2 0 4 4\n")
            #expect(SessionDriver.ghci.cellText?("print 1\n") == "print 1\n")
        }

        @Test func theHandshakeDefinesTheMarkerCommandsAndSaysReady() throws {
            let handshake = try #require(SessionDriver.ghci.handshake?("ab12", "/tmp/channel"))
            let lines = handshake.split(separator: "\n")
            #expect(lines.count == 5)
            #expect(lines[2].hasPrefix(":def kernelRunnerMark "))
            // ESC ] kernel-runner ; ab12 BEL, as bytes written at once.
            let marker = "[27,93,107,101,114,110,101,108,45,114,117,110,110,101,114,59,97,98,49,50,7]"
            let write = "(\\count bytes -> System.IO.hPutBuf System.IO.stderr bytes count)"
            #expect(lines[2].contains("withArrayLen (\(marker) :: [Data.Word.Word8]) \(write)"))
            #expect(lines[3].hasPrefix(":def kernelRunnerDone "))
            #expect(lines[4] == "() <- System.IO.appendFile \"/tmp/channel/events\" \"ready\\n\"")
        }
    }
}
