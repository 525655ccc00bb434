extension SessionDriver {
    /// Haskell: one `ghci` whose command stream is the `requests` FIFO itself (`-ghci-script`
    /// reads a script line by line as it comes), while stdin stays the terminal for `getLine`.
    /// There is no driver loop: each cell is rewritten as a GHCi script (``GhciScript``) in
    /// place of its file and run with `:script`, which stops at the first error or interrupt;
    /// the commands around it write the markers and `done` (macros the handshake defines with
    /// GHC's own `System.IO`, by qualified names). GHCi does not say whether a command
    /// failed, so its messages on stderr do (``failureMarkers``). An interrupt stops the
    /// statement and keeps the bindings.
    package static let ghci = SessionDriver(
        key: "ghci",
        name: "the GHCi session",
        // Nothing: the handshake, the first lines of the requests, sets GHCi up.
        script: "",
        scriptName: "kernel_runner_session.ghci",
        executable: "ghci",
        // -fno-ghci-sandbox: statements run on GHCi's main thread, not a new thread each (half
        // the cost of a trivial statement: 1.3 ms instead of 2.6); SIGINT still interrupts them.
        arguments: ["-v0", "-ignore-dot-ghci", "-fno-ghci-sandbox", "-ghci-script", "{channel}/requests"],
        cellExtension: "hs",
        cellText: GhciScript.script(for:),
        encodeCell: { cell in
            // Markers per stream once the cell ended: two per cell, numbered from 1.
            let marks = 2 * cell.id
            return ":kernelRunnerMark\n:script \(cell.path)\n:kernelRunnerDone \(cell.id) 0 \(marks) \(marks)\n"
        },
        handshake: { token, channel in
            // GHCi's stdout and stderr are unbuffered: hPutStr would write the marker a character
            // at a time (a system call each, 4 × 40 per cell), hPutBuf writes its bytes at once.
            let bytes = "\u{1B}]kernel-runner;\(token)\u{07}".utf8.map(String.init).joined(separator: ",")
            let mark = ["stdout", "stderr"].map { stream in
                "System.IO.hFlush System.IO.\(stream) Prelude.>> Foreign.Marshal.Array.withArrayLen ([\(bytes)] :: [Data.Word.Word8])"
                    + " (\\count bytes -> System.IO.hPutBuf System.IO.\(stream) bytes count) Prelude.>> System.IO.hFlush System.IO.\(stream)"
            }.joined(separator: " Prelude.>> ")
            let events = haskellString("\(channel)/events")
            // No prompts (they would go to stdout). The markers and `done` are commands (macros,
            // compiled once): GHCi keeps them through `:load` and `:module`, they add no name to
            // the user's scope, and unlike a statement they leave `it` alone and cost no compile.
            return [
                ":set prompt \"\"",
                ":set prompt-cont \"\"",
                ":def kernelRunnerMark (\\_ -> \(mark) Prelude.>> Prelude.return \"\")",
                ":def kernelRunnerDone (\\arg -> \(mark) Prelude.>> System.IO.appendFile \(events) (\"done \" Prelude.++ arg Prelude.++ \"\\n\") Prelude.>> Prelude.return \"\")",
                // A binding, not an expression, which would bind `it`.
                "() <- System.IO.appendFile \(events) \"ready\\n\"",
            ].map { $0 + "\n" }.joined()
        },
        failureMarkers: [": error:", "*** Exception:", "Interrupted."],
        // GHCi would run a `complete` request as a statement, and its own `:complete` answers
        // on stdout, not on the events FIFO.
        completes: false
    )

    /// A Haskell string literal: printable ASCII as is, the rest as decimal escapes.
    static func haskellString(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\": literal += "\\\(scalar)"
            case " "..."~": literal.unicodeScalars.append(scalar)
            // `\&` ends the escape, in case a digit follows.
            default: literal += "\\\(scalar.value)\\&"
            }
        }
        return literal + "\""
    }
}
