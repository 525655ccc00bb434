import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("Lua session", .timeLimit(.minutes(2)))
    struct LuaSession {
        /// lua's own SIGINT handler ends the cell with "interrupted!" (exit 1) and keeps the state.
        @Test(.enabled(if: Toolchain.available("lua"), "lua is not installed"))
        func stateSurvivesBetweenCells() async throws {
            try await SessionScenario(
                language: "lua",
                define: "counter = 41\nfunction bump() return counter + 1 end\n",
                use: "print(bump())\n",
                failing: "error('boom')\n",
                errorMessage: "boom",
                endlessLoop: "print('looping')\nwhile true do end\n",
                interruptedExitCode: 1,
                greeter: "local name = io.read('l')\nprint('hi ' .. name)\n",
                completion: ("bum", "bump"),
                crash: "os.exit(3)\n",
                stateLost: "print(counter == nil and 'lost' or 'kept')\n"
            ).run { daemon in
                // An expression shows its values, as `lua -i` does.
                let values = try await daemon.query("bump(), 'two'\n")
                #expect(values.stdout == "42\ttwo\n", "stderr: \(values.stderr)")
            }
        }
    }
}
