import Foundation
import TestSupport
import Testing

@testable import KernelRunnerCore
@testable import KernelRunnerInteractive

extension Interactive {
    /// Programs reading their terminal in batch `exec` runs: every read becomes `waiting-input`
    /// after the prompt, and the `input` text reaches the program. Each runtime that flushes its
    /// prompts runs twice: under the C runner (stdout on the terminal) and under its own runner
    /// (stdout and stderr are pipes, stdin stays the terminal).
    @Suite("Input round trips for every language", .timeLimit(.minutes(5)))
    struct InputRoundTripTests {
        /// One read: the prompt shown before it, what the user types, whether it is a password.
        struct Exchange {
            var prompt: String
            var answer: String
            /// nil: not checked.
            var isPassword: Bool? = false
        }

        /// Writes `files`, runs `command` with `exec` on a daemon for `language`, answers each
        /// exchange in turn and returns the output after the last answer.
        private func roundTrip(
            language: String = "c",
            files: [String: String],
            command: String,
            environment: [String: String] = [:],
            _ exchanges: [Exchange]
        ) async throws -> RunOutput {
            return try await withDaemon(
                language: language, arguments: ["--input-socket", ""], environment: environment,
                prepare: { work, _ in
                    try ProjectFiles.write(files, into: work)
                }
            ) { daemon in
                try daemon.client.send(.exec(command))
                for exchange in exchanges {
                    let asked = try await daemon.collect(until: .waitingInput, timeout: TimeBound.hang(after: .seconds(120)))
                    // Line editors (Node's readline) wrap the prompt in cursor movements.
                    #expect(asked.console.removingANSIEscapes.hasSuffix(exchange.prompt), "before `waiting-input`: \(asked.console)")
                    #expect(asked.inputIsPassword != nil, "the payload is JSON {\"is_password\": …}")
                    if let isPassword = exchange.isPassword {
                        #expect(asked.inputIsPassword == isPassword)
                    }
                    try daemon.client.send(.input(exchange.answer))
                }
                let done = try await daemon.collect(until: .finished, timeout: TimeBound.hang(after: .seconds(60)))
                #expect(done.exitCode == 0, "stderr: \(done.stderr)")
                return done
            }
        }

        @Test(.enabled(if: Toolchain.available("gcc"), "gcc is not installed"))
        func cScanfFgetsGetchar() async throws {
            let program = """
                #include <stdio.h>
                #include <string.h>
                int main(void) {
                    int number = 0; char line[256]; int c;
                    printf("Number? ");
                    if (scanf("%d", &number) != 1) return 2;
                    while ((c = getchar()) != '\\n' && c != EOF) {}
                    printf("Line? ");
                    if (!fgets(line, sizeof line, stdin)) return 3;
                    line[strcspn(line, "\\n")] = 0;
                    printf("Char? ");
                    c = getchar();
                    printf("got %d [%s] %c\\n", number * 2, line, c);
                    return 0;
                }
                """
            let done = try await roundTrip(
                files: ["p.c": program], command: "gcc -o p p.c && ./p",
                [
                    Exchange(prompt: "Number? ", answer: "21"),
                    Exchange(prompt: "Line? ", answer: "two words"),
                    Exchange(prompt: "Char? ", answer: "z"),
                ])
            #expect(done.stdout.contains("got 42 [two words] z"), "stdout: \(done.stdout)")
        }

        @Test(.enabled(if: Toolchain.available("g++"), "g++ is not installed"))
        func cppCin() async throws {
            let program = """
                #include <iostream>
                #include <string>
                int main() {
                    std::string name;
                    std::cout << "Name? " << std::flush;
                    std::cin >> name;
                    std::cout << "hello " << name << std::endl;
                }
                """
            let done = try await roundTrip(
                files: ["p.cpp": program], command: "g++ -o p p.cpp && ./p", [Exchange(prompt: "Name? ", answer: "Ada")])
            #expect(done.stdout.contains("hello Ada"))
        }

        @Test(.enabled(if: Toolchain.available("python3"), "python3 is not installed"), arguments: ["c", "python"])
        func pythonInputStdinAndGetpass(language: String) async throws {
            let program = """
                import getpass, sys
                name = input('Name? ')
                sys.stdout.write('Line? '); sys.stdout.flush()
                line = sys.stdin.readline().strip()
                secret = getpass.getpass('Secret? ')
                print(name, line, len(secret), 'stdout is a terminal:', sys.stdout.isatty())
                """
            let done = try await roundTrip(
                language: language, files: ["p.py": program], command: "python3 p.py",
                [
                    Exchange(prompt: "Name? ", answer: "Ada"),
                    Exchange(prompt: "Line? ", answer: "a line"),
                    Exchange(prompt: "Secret? ", answer: "hunter2", isPassword: true),
                ])
            #expect(
                done.stdout.contains("Ada a line 7 stdout is a terminal: \(language == "c" ? "True" : "False")"), "stdout: \(done.stdout)")
            #expect(!done.stdout.contains("hunter2"))
        }

        @Test(.enabled(if: Toolchain.available("go"), "go is not installed"), arguments: ["c", "golang"])
        func goScanAndBufio(language: String) async throws {
            let program = """
                package main

                import (
                    "bufio"
                    "fmt"
                    "os"
                    "strings"
                )

                func main() {
                    var number int
                    fmt.Print("Number? ")
                    fmt.Scan(&number)
                    reader := bufio.NewReader(os.Stdin)
                    fmt.Print("Line? ")
                    line, _ := reader.ReadString('\\n')
                    fmt.Printf("got %d [%s]\\n", number*2, strings.TrimSpace(line))
                }
                """
            let done = try await roundTrip(
                language: language, files: ["p.go": program], command: "go build -o p p.go && ./p",
                [Exchange(prompt: "Number? ", answer: "21"), Exchange(prompt: "Line? ", answer: "go line")])
            #expect(done.stdout.contains("got 42 [go line]"), "stdout: \(done.stdout)")
        }

        @Test(.enabled(if: Toolchain.available("rustc"), "rustc is not installed"), arguments: ["c", "rust"])
        func rustReadLine(language: String) async throws {
            let program = """
                use std::io::{self, Write};
                fn main() {
                    print!("Name? ");
                    io::stdout().flush().unwrap();
                    let mut name = String::new();
                    io::stdin().read_line(&mut name).unwrap();
                    println!("hello {}", name.trim());
                }
                """
            let done = try await roundTrip(
                language: language, files: ["p.rs": program], command: "rustc -o p p.rs && ./p",
                [Exchange(prompt: "Name? ", answer: "Ada")])
            #expect(done.stdout.contains("hello Ada"))
        }

        @Test(.enabled(if: Toolchain.available("javac", "java"), "the JDK is not installed"), arguments: ["c", "java"])
        func javaScanner(language: String) async throws {
            let program = """
                import java.util.Scanner;
                public class P {
                    public static void main(String[] args) {
                        Scanner scanner = new Scanner(System.in);
                        System.out.print("Name? ");
                        String name = scanner.nextLine();
                        System.out.println("hello " + name);
                    }
                }
                """
            let done = try await roundTrip(
                language: language, files: ["P.java": program], command: "javac P.java && java P",
                [Exchange(prompt: "Name? ", answer: "Ada")])
            #expect(done.stdout.contains("hello Ada"))
        }

        @Test(.enabled(if: Toolchain.available("node"), "node is not installed"), arguments: ["c", "nodejs"])
        func nodeReadline(language: String) async throws {
            let program = """
                const readline = require('readline');
                const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
                rl.question('Name? ', (name) => {
                    console.log(`hello ${name}`);
                    rl.close();
                });
                """
            // On a terminal, readline switches it to raw mode, echo off, which is not a password prompt.
            let done = try await roundTrip(
                language: language, files: ["p.js": program], command: "node p.js",
                [Exchange(prompt: "Name? ", answer: "Ada", isPassword: false)])
            #expect(done.stdout.contains("hello Ada"))
        }

        @Test(.enabled(if: Toolchain.available("php"), "php is not installed"), arguments: ["c", "php"])
        func phpFgets(language: String) async throws {
            let program = """
                <?php
                echo "Name? ";
                $name = trim(fgets(STDIN));
                echo "hello $name\n";
                """
            let done = try await roundTrip(
                language: language, files: ["p.php": program], command: "php p.php", [Exchange(prompt: "Name? ", answer: "Ada")])
            #expect(done.stdout.contains("hello Ada"))
        }

        @Test func shellRead() async throws {
            let done = try await roundTrip(
                files: [:], command: "printf 'Name? '; read name; echo \"hello $name\"", [Exchange(prompt: "Name? ", answer: "Ada")])
            #expect(done.stdout.contains("hello Ada"))
        }
    }
}
