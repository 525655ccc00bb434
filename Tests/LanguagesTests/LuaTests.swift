import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("Lua", .timeLimit(.minutes(2)))
    struct Lua {
        @Test(.enabled(if: Toolchain.available("lua"), "lua is not installed"))
        func queryInputCompletionAndProject() async throws {
            try await LanguageScenario(
                language: "lua",
                hello: "print(\"hello\")\n",
                broken: "print(\"x\"\n",
                brokenMessage: "')' expected",
                greeter: "local name = io.read(\"l\")\nprint(\"hi \" .. name)\n",
                completion: ("ipai", "ipairs"),
                project: [
                    "main.lua": "local greet = require(\"lib.greet\")\nprint(greet(\"lua\"))\n",
                    "lib/greet.lua": "return function(who) return \"hello from \" .. who end\n",
                ],
                projectOutput: "hello from lua\n",
                missingMessage: "lua-kernel: cannot find \"main.lua\""
            ).run()
        }
    }
}
