import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("MIT Scheme session", .timeLimit(.minutes(3)))
    struct SchemeSession {
        /// SIGINT ends the cell through the REPL's abort hook: "Interrupted", exit 1, state kept.
        @Test(.enabled(if: Toolchain.available("mit-scheme"), "mit-scheme is not installed"))
        func stateSurvivesBetweenCells() async throws {
            try await SessionScenario(
                language: "scheme",
                define: "(define counter 41)\n(define (bump) (+ counter 1))\n",
                use: "(display (bump))\n(newline)\n",
                failing: "(car 1)\n(display \"not reached\")\n",
                errorMessage: "is not the correct type",
                endlessLoop:
                    "(define n 0)\n(let loop ()\n  (set! n (+ n 1))\n  (if (= n 1000) (begin (display \"looping\") (newline)))\n  (loop))\n",
                interruptedExitCode: 1,
                greeter: "(define name (read-line))\n(display (string-append \"hi \" name))\n(newline)\n",
                completion: ("counte", "counter"),
                crash: "(exit 3)\n",
                stateLost: "(display (if (environment-bound? (nearest-repl/environment) 'counter) \"kept\" \"lost\"))\n(newline)\n"
            ).run()
        }
    }
}
