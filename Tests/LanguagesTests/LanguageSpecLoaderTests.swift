import Foundation
import KernelRunner
import TestSupport
import Testing

extension Languages {
    @Suite("Declarative language specs")
    struct SpecLoader {
        /// The README's example: a language added by an image author with one JSON file.
        static let awkSpec = """
            {
              "name": "awk",
              "aliases": ["gawk"],
              "defaultRuntimePath": "awk",
              "query": {"fileName": "snippet.awk", "prelude": "BEGIN {\\n", "run": ["{runtime}", "-f", "{file}"]},
              "exec": [{"ifExists": "main.awk", "run": ["{runtime}", "-f", "main.awk", "data.txt"]}],
              "keywords": ["BEGIN", "END", "print", "printf", "split", "length"],
              "environment": {"LC_ALL": "C"}
            }
            """

        @Test func validFileIsLoadedAndRegistered() throws {
            let directory = try Self.directory(with: ["awk.json": Self.awkSpec, "notes.txt": "not a spec"])
            let registry = try LanguageRegistry.builtIn.addingSpecs(from: directory)
            let entry = try #require(registry.entry(for: "gawk"))
            #expect(entry.name == "awk")
            #expect(entry.defaultRuntimePath == "awk")
            #expect(registry.entry(for: "golang") != nil, "the built-in languages stay")

            let spec = try LanguageSpec.load(contentsOf: directory + "/awk.json")
            #expect(spec.logPrefix == "awk-kernel")
            #expect(spec.environment == ["LC_ALL": "C"])
            #expect(!spec.flushesPrompts, "awk buffers a pipe: its stdout stays on the terminal")
            #expect(spec.querySource(for: "print 1 }") == "BEGIN {\nprint 1 }")
            #expect(
                spec.plan(.exec, runtimePath: "/usr/bin/awk") { $0 == "main.awk" } == .run(["/usr/bin/awk", "-f", "main.awk", "data.txt"]))
            #expect(spec.plan(.exec, runtimePath: "awk") { _ in false } == .missing(["main.awk"]))
            #expect(spec.plan(.build, runtimePath: "awk") { _ in true } == .nothing)
        }

        @Test func languageThatFlushesPromptsSaysSo() throws {
            let json = #"{"name": "demo", "defaultRuntimePath": "demo", "flushesPrompts": true}"#
            let directory = try Self.directory(with: ["demo.json": json])
            #expect(try LanguageSpec.load(contentsOf: directory + "/demo.json").flushesPrompts)
            #expect(LanguageSpec.php.flushesPrompts)
        }

        @Test func missingDirectoryMeansOnlyBuiltIns() throws {
            let registry = try LanguageRegistry.builtIn.addingSpecs(from: "/nonexistent/kernel-runner/languages")
            #expect(registry.entries.map(\.name) == LanguageRegistry.builtIn.entries.map(\.name))
        }

        @Test(arguments: [
            (
                #"{"name": "x", "defaultRuntimePath": "x", "query": {"fileName": "a.x", "run": ["{runtime}", "{fiel}"]}}"#,
                "query.run: unknown placeholder {fiel}"
            ),
            (
                #"{"name": "x", "defaultRuntimePath": "x", "exec": [{"ifexists": "main.x", "run": ["x"]}]}"#,
                "exec[0].ifexists: unknown key"
            ),
            (
                #"{"name": "x", "defaultRuntimePath": "x", "exec": [{"ifExists": "main.x", "run": ["{runtime}", "{file}"]}]}"#,
                "exec[0].run: unknown placeholder {file}"
            ),
            (#"{"defaultRuntimePath": "x"}"#, "name: missing"),
            (#"{"name": "x y", "defaultRuntimePath": "x"}"#, "name: \"x y\" must be"),
            (
                #"{"name": "x", "defaultRuntimePath": "x", "build": [{"ifExists": "../up", "run": []}]}"#,
                "build[0].ifExists: must be relative"
            ),
            (#"{"name": "x", "defaultRuntimePath": "x", "keywords": "print"}"#, "keywords: expected an array"),
            (#"{"name": "x", "defaultRuntimePath": "x", "#, "invalid JSON"),
        ])
        func invalidFileNamesFileAndProblem(json: String, problem: String) throws {
            let directory = try Self.directory(with: ["bad.json": json])
            let error = #expect(throws: ConfigurationError.self) { try LanguageRegistry.builtIn.addingSpecs(from: directory) }
            #expect(error?.code == .invalidFile)
            #expect(error?.path == directory + "/bad.json")
            #expect(error?.detail.contains(problem) == true, "detail: \(error?.detail ?? "")")
        }

        @Test func twoFilesDefiningOneLanguageAreRejected() throws {
            let spec = #"{"name": "x", "defaultRuntimePath": "x"}"#
            let directory = try Self.directory(with: ["a.json": spec, "b.json": spec])
            let error = #expect(throws: ConfigurationError.self) { try LanguageSpec.loadAll(from: directory) }
            #expect(error?.path == directory + "/b.json")
            #expect(error?.detail.contains("already defined by a.json") == true)
        }

        @Test(.enabled(if: Toolchain.available("awk"), "awk is not installed"))
        func daemonRunsASpecLanguage() async throws {
            try await withDaemon(
                language: "gawk",
                prepare: { work, _ in
                    let languages = (work as NSString).deletingLastPathComponent + "/languages"
                    try ProjectFiles.write(["awk.json": Self.awkSpec], into: languages)
                    try ProjectFiles.write(
                        ["main.awk": "{ total += $1 } END { print \"total\", total }\n", "data.txt": "40\n2\n"], into: work)
                }
            ) { daemon in
                let query = try await daemon.query("print \"hello from awk\" }")
                #expect(query.stdout == "hello from awk\n", "stderr: \(query.stderr)")
                let results = try await daemon.batch(build: "*", exec: "*")
                #expect(results.map(\.exitCode) == [0, 0, 0])
                #expect(results[2].stdout == "total 42\n")
            }
        }

        private static func directory(with files: [String: String]) throws -> String {
            let directory = try TemporaryDirectory.make(prefix: "kr-specs-")
            try ProjectFiles.write(files, into: directory)
            return directory
        }
    }
}
