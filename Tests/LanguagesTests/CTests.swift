import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("C", .timeLimit(.minutes(3)))
    struct C {
        @Test(.enabled(if: Toolchain.available("gcc"), "gcc is not installed"))
        func queryInputCompletionAndProjectWithHeaders() async throws {
            try await LanguageScenario(
                language: "c",
                hello: "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n",
                broken: "int main(void) { return undefined_name; }\n",
                brokenMessage: "undefined_name",
                greeter:
                    "#include <stdio.h>\nint main(void) { char name[64]; scanf(\"%63s\", name); printf(\"hi %s\\n\", name); return 0; }\n",
                completion: ("prin", "printf"),
                project: [
                    "main.c":
                        "#include <stdio.h>\n#include \"lib/square.h\"\nint main(void) { printf(\"square %d\\n\", square(7)); return 0; }\n",
                    "lib/square.h": "int square(int x);\n",
                    "lib/square.c": "#include \"square.h\"\nint square(int x) { return x * x; }\n",
                ],
                projectOutput: "square 49\n",
                missingMessage: "c-kernel: cannot find build script (\"Makefile\") or the main file (\"main.c\")",
                compilesQueries: true
            ).run()
        }
    }
}
