import Foundation
import TestSupport
import Testing

extension Languages {
    @Suite("Rust", .timeLimit(.minutes(4)))
    struct Rust {
        @Test(.enabled(if: Toolchain.available("rustc", "cargo"), "rustc or cargo is not installed"))
        func queryInputCompletionCargoAndRustcProjects() async throws {
            try await LanguageScenario(
                language: "rust",
                hello: "fn main() {\n    println!(\"hello\");\n}\n",
                broken: "fn main() {\n    let x: i32 = \"text\";\n}\n",
                brokenMessage: "mismatched types",
                greeter: """
                    fn main() {
                        let mut line = String::new();
                        std::io::stdin().read_line(&mut line).unwrap();
                        println!("hi {}", line.trim());
                    }
                    """,
                completion: ("printl", "println"),
                project: [
                    // The binary is named in the manifest, not after the package.
                    "Cargo.toml": """
                    [package]
                    name = "greeter"
                    version = "0.1.0"
                    edition = "2021"

                    [[bin]]
                    name = "hello-app" # the name exec * must run
                    path = "src/main.rs"
                    """,
                    "src/main.rs": "mod greeting;\n\nfn main() {\n    println!(\"{}\", greeting::text());\n}\n",
                    "src/greeting.rs": "pub fn text() -> &'static str {\n    \"hello from cargo\"\n}\n",
                ],
                projectOutput: "hello from cargo\n",
                missingMessage: "rust-kernel: cannot find \"Cargo.toml\" or \"main.rs\"",
                compilesQueries: true
            ).run { daemon in
                // No Cargo.toml: rustc on main.rs, which finds its module file.
                try ProjectFiles.write(
                    [
                        "main.rs": "mod util;\n\nfn main() {\n    println!(\"{}\", util::answer());\n    std::process::exit(4);\n}\n",
                        "util.rs": "pub fn answer() -> u32 {\n    42\n}\n",
                    ], into: daemon.workDirectory)
                let plain = try await daemon.batch(build: "*", exec: "*")
                #expect(plain[1].exitCode == 0, "build: \(plain[1].stderr)")
                #expect(plain[2].stdout == "42\n")
                #expect(plain[2].exitCode == 4)
            }
        }
    }
}
