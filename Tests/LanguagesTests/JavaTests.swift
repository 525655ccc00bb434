import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("Java", .timeLimit(.minutes(4)))
    struct Java {
        @Test(.enabled(if: Toolchain.available("javac", "java"), "javac or java is not installed"))
        func queryInputCompletionAndPackagedProject() async throws {
            try await LanguageScenario(
                language: "java",
                // Any public class name works: the file is named after it.
                hello:
                    "public class Greeting {\n    public static void main(String[] args) {\n        System.out.println(\"hello\");\n    }\n}\n",
                broken: "public class Broken {\n    public static void main(String[] args) {\n        int x = \"text\";\n    }\n}\n",
                brokenMessage: "incompatible types",
                greeter: """
                    import java.util.Scanner;

                    public class Echo {
                        public static void main(String[] args) {
                            System.out.println("hi " + new Scanner(System.in).nextLine());
                        }
                    }
                    """,
                completion: ("Syst", "System"),
                project: [
                    "Main.java": """
                    import util.Greeter;

                    public class Main {
                        public static void main(String[] args) {
                            System.out.println(Greeter.greet("packages"));
                        }
                    }
                    """,
                    "util/Greeter.java": """
                    package util;

                    public class Greeter {
                        public static String greet(String who) { return "hello from " + who; }
                        // A second entry point: exec * prefers Main.
                        public static void main(String[] args) { System.out.println("wrong class"); }
                    }
                    """,
                ],
                projectOutput: "hello from packages\n",
                missingMessage: "java-kernel: cannot find build script (\"Makefile\") or any \".java\" file",
                compilesQueries: true
            ).run { daemon in
                // A package line, a helper class first, and a comment that mentions a class.
                let packaged = try await daemon.query(
                    """
                    package demo.app;

                    class Helper { static int answer() { return 42; } }

                    /* public class NotThisOne */
                    public class Runner {
                        public static void main(String[] args) {
                            System.out.println("answer " + Helper.answer());
                            System.exit(5);
                        }
                    }
                    """)
                #expect(packaged.stdout == "answer 42\n", "stderr: \(packaged.stderr)")
                #expect(packaged.exitCode == 5)

                // No class named Main: the only class with a main method, in a package folder.
                try ProjectFiles.write(
                    [
                        "app/Tool.java":
                            "package app;\n\npublic class Tool {\n    public static void main(String[] args) {\n        System.out.println(\"tool \" + lib.Util.twice(21));\n    }\n}\n",
                        "lib/Util.java": "package lib;\n\npublic class Util {\n    public static int twice(int x) { return 2 * x; }\n}\n",
                    ], into: daemon.workDirectory)
                let tool = try await daemon.batch(build: "*", exec: "*")
                #expect(tool[1].exitCode == 0, "build: \(tool[1].stderr)")
                #expect(tool[2].stdout == "tool 42\n", "exec: \(tool[2].stderr)")
            }
        }
    }
}
