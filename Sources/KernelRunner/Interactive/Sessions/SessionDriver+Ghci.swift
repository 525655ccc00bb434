import SystemSupport

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
        encodeCell: { cell in
            // Markers per stream once the cell ended: two per cell, numbered from 1.
            let marks = 2 * cell.id
            do throws(InteractiveError) {
                try FileSystem.writePrivate(GhciScript.script(for: cell.code), to: cell.path)
            } catch {
                return ":kernelRunnerMark\n:kernelRunnerDone \(cell.id) 1 \(marks) \(marks)\n"
            }
            return ":kernelRunnerMark\n:script \(cell.path)\n:kernelRunnerDone \(cell.id) 0 \(marks) \(marks)\n"
        },
        handshake: { token, channel in
            let marker = haskellString("\u{1B}]kernel-runner;\(token)\u{07}")
            let mark =
                "System.IO.hFlush System.IO.stdout Prelude.>> System.IO.hPutStr System.IO.stdout \(marker)"
                + " Prelude.>> System.IO.hFlush System.IO.stdout Prelude.>> System.IO.hPutStr System.IO.stderr \(marker)"
                + " Prelude.>> System.IO.hFlush System.IO.stderr"
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
