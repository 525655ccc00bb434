import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("C++", .timeLimit(.minutes(3)))
    struct Cpp {
        @Test(.enabled(if: Toolchain.available("g++"), "g++ is not installed"))
        func queryInputCompletionAndProjectInTwoFolders() async throws {
            try await LanguageScenario(
                language: "cpp",
                hello: "#include <iostream>\nint main() { std::cout << \"hello\" << std::endl; }\n",
                broken: "int main() { return undefined_name; }\n",
                brokenMessage: "undefined_name",
                greeter: """
                    #include <iostream>
                    #include <string>
                    int main() { std::string name; std::getline(std::cin, name); std::cout << "hi " << name << std::endl; }
                    """,
                completion: ("cou", "cout"),
                project: [
                    "main.cpp": """
                    #include <cmath>
                    #include <iostream>
                    #include <thread>
                    int a_value(); int b_value();
                    int main() {
                        int sum = 0;
                        std::thread worker([&] { sum = a_value() + b_value(); });
                        worker.join();
                        std::cout << "sum " << sum << " " << std::pow(2, 10) << std::endl;
                    }
                    """,
                    // Same basename in two folders: their objects must not collide.
                    "a/util.cpp": "int a_value() { return 40; }\n",
                    "b/util.cpp": "int b_value() { return 2; }\n",
                ],
                projectOutput: "sum 42 1024\n",
                missingMessage: "cpp-kernel: cannot find build script (\"Makefile\") or the main file (\"main.cpp\")",
                compilesQueries: true
            ).run { daemon in
                let run = try await daemon.query("int main() { return 3; }\n")
                #expect(run.exitCode == 3, "the program's exit code is the answer")
                #expect(!FileManager.default.fileExists(atPath: daemon.workDirectory + "/main"), "query mode must not write ./main")
            }
        }
    }
}
