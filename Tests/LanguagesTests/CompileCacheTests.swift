import Foundation
import TestSupport
import Testing

extension Languages {
    /// The compile cache of query mode, over ZeroMQ with C and C++ (the fastest compilers): a
    /// hit is seen in the daemon's debug log (`compile cache: hit`, and no `kept` of a new
    /// compile), never by timing. Each language's own hit runs in its ``LanguageScenario``.
    @Suite("Compile cache", .timeLimit(.minutes(4)))
    struct CompileCache {
        static let hello = "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n"

        @Test(.enabled(if: Toolchain.available("gcc"), "gcc is not installed"))
        func aRepeatedSnippetIsAHitThatBehavesAsTheCompiledOne() async throws {
            try await withCachingDaemon(policy: "c") { daemon, cache in
                let warned =
                    "#include <stdio.h>\n#warning \"note from the compiler\"\nint main(void) { puts(\"out\"); fputs(\"err\\n\", stderr); return 3; }\n"
                let first = try await daemon.query(warned)
                #expect(first.stdout == "out\n")
                #expect(first.stderr.contains("note from the compiler") && first.stderr.hasSuffix("err\n"), "stderr: \(first.stderr)")
                #expect(first.exitCode == 3)
                await daemon.expectLogged(kept: 1, hits: 0)
                let again = try await daemon.query(warned)
                #expect(again.stdout == first.stdout)
                #expect(again.stderr == first.stderr, "the compiler's warning is replayed")
                #expect(again.exitCode == 3)
                #expect(again.result?.policyDenials == nil)
                await daemon.expectLogged(kept: 1, hits: 1)

                // A compile error is shown again every time: failed compiles are not kept.
                for _ in 0..<2 {
                    let failed = try await daemon.query("int main(void) { return undefined_name; }\n")
                    #expect(failed.stderr.contains("undefined_name"), "stderr: \(failed.stderr)")
                    #expect(failed.exitCode != 0)
                }
                await daemon.expectLogged(kept: 1, hits: 1)

                let greeter =
                    "#include <stdio.h>\nint main(void) { char name[64]; scanf(\"%63s\", name); printf(\"hi %s\\n\", name); return 0; }\n"
                for name in ["Ada", "Grace"] {
                    let answered = try await daemon.query(greeter, input: name)
                    #expect(answered.stdout.contains("hi \(name)"), "stdout: \(answered.stdout)")
                    #expect(answered.exitCode == 0)
                }
                await daemon.expectLogged(kept: 2, hits: 2)

                let spinner = "#include <stdio.h>\nint main(void) { puts(\"spinning\"); fflush(stdout); for (;;) {} }\n"
                for _ in 0..<2 {
                    try daemon.client.send(.code(spinner))
                    let started = try await daemon.collect(until: .stdout, timeout: TimeBound.hang(after: .seconds(60)))
                    #expect(started.stdout == "spinning\n")
                    try daemon.client.send(.interrupt)
                    let finished = try await daemon.collect(until: .finished, timeout: TimeBound.hang(after: .seconds(10)))
                    #expect(finished.exitCode == -Int(SIGINT))
                }
                await daemon.expectLogged(kept: 3, hits: 3)

                #expect(try mode(of: cache) == 0o700)
                #expect(try mode(of: cache + "/v1") == 0o700)
                for entry in try entries(in: cache) {
                    #expect(try mode(of: cache + "/v1/" + entry) == 0o600)
                }
            }
        }

        /// Another snippet, other compiler flags (C++ compiles the same text), a replaced
        /// toolchain or another value of a variable the compiler reads: each is a miss.
        @Test(.enabled(if: Toolchain.available("gcc", "g++"), "gcc is not installed"))
        func whatTheResultDependsOnIsPartOfTheKey() async throws {
            let cache = try TemporaryDirectory.make(prefix: "kr-compile-cache-")
            defer { try? FileManager.default.removeItem(atPath: cache) }
            let tools = try TemporaryDirectory.make(prefix: "kr-toolchain-")
            defer { try? FileManager.default.removeItem(atPath: tools) }
            let compiler = tools + "/cc"
            try installWrapper(at: compiler)

            try await withCachingDaemon(cache: cache, runtimePath: compiler) { daemon, _ in
                _ = try await daemon.query(Self.hello)
                let other = try await daemon.query("#include <stdio.h>\nint main(void) { puts(\"other\"); return 0; }\n")
                #expect(other.stdout == "other\n")
                await daemon.expectLogged(kept: 2, hits: 0)

                // An upgrade replaces the compiler's file.
                try installWrapper(at: compiler)
                let rebuilt = try await daemon.query(Self.hello)
                #expect(rebuilt.stdout == "hello\n")
                await daemon.expectLogged(kept: 3, hits: 0)
                _ = try await daemon.query(Self.hello)
                await daemon.expectLogged(kept: 3, hits: 1)
            }
            try await withCachingDaemon(cache: cache, runtimePath: compiler, environment: ["CPATH": tools]) { daemon, _ in
                let greeting = try await daemon.query(Self.hello)
                #expect(greeting.stdout == "hello\n")
                await daemon.expectLogged(kept: 1, hits: 0)
            }
            try await withCachingDaemon(language: "cpp", policy: "cpp", cache: cache) { daemon, _ in
                let greeting = try await daemon.query(Self.hello)
                #expect(greeting.stdout == "hello\n")
                await daemon.expectLogged(kept: 1, hits: 0)
            }
        }

        /// A damaged entry (cut short, or overwritten) is dropped and the snippet compiled again.
        @Test(.enabled(if: Toolchain.available("gcc"), "gcc is not installed"))
        func aDamagedEntryIsIgnored() async throws {
            try await withCachingDaemon(policy: "c") { daemon, cache in
                _ = try await daemon.query(Self.hello)
                await daemon.expectLogged(kept: 1, hits: 0)
                let entry = cache + "/v1/" + (try #require(try entries(in: cache).first))
                let whole = try Data(contentsOf: URL(fileURLWithPath: entry))
                // Half an entry (a torn write), then garbage of the same size.
                let damaged = [whole.prefix(whole.count / 2), Data(repeating: 0xC1, count: whole.count)]
                for (index, bytes) in damaged.enumerated() {
                    try bytes.write(to: URL(fileURLWithPath: entry))
                    let greeting = try await daemon.query(Self.hello)
                    #expect(greeting.stdout == "hello\n" && greeting.stderr == "", "stderr: \(greeting.stderr)")
                    #expect(greeting.exitCode == 0)
                    await daemon.expectLogged(kept: 2 + index, hits: 0)
                }
                #expect(daemon.log.occurrences(of: "malformedEntry") == 2)
                _ = try await daemon.query(Self.hello)
                await daemon.expectLogged(kept: 3, hits: 1)
            }
        }

        /// Two daemons compile the same snippets at the same moment into one cache: both answer
        /// right, the entries are whole (each daemon then hits every one) and no file being
        /// written is left behind.
        @Test(.enabled(if: Toolchain.available("gcc"), "gcc is not installed"))
        func concurrentDaemonsShareOneCache() async throws {
            let cache = try TemporaryDirectory.make(prefix: "kr-compile-cache-")
            defer { try? FileManager.default.removeItem(atPath: cache) }
            let snippets = (1...4).map { "#include <stdio.h>\nint main(void) { printf(\"snippet %d\\n\", \($0)); return \($0); }\n" }
            try await withCachingDaemon(policy: "c", cache: cache) { first, _ in
                try await withCachingDaemon(policy: "c", cache: cache) { second, _ in
                    for (index, snippet) in snippets.enumerated() {
                        async let one = first.query(snippet)
                        async let other = second.query(snippet)
                        for output in try await [one, other] {
                            #expect(output.stdout == "snippet \(index + 1)\n")
                            #expect(output.exitCode == index + 1)
                        }
                    }
                    let names = try entries(in: cache)
                    #expect(names.count == snippets.count, "entries: \(names) log: \(first.log.suffix(3000)) \(second.log.suffix(3000))")
                    #expect(try FileManager.default.contentsOfDirectory(atPath: cache + "/v1").allSatisfy { !$0.hasPrefix(".") })
                    let hitsBefore = (first.log.occurrences(of: "compile cache: hit"), second.log.occurrences(of: "compile cache: hit"))
                    for snippet in snippets {
                        for daemon in [first, second] {
                            let output = try await daemon.query(snippet)
                            #expect(output.stdout.hasPrefix("snippet "))
                        }
                    }
                    #expect(await eventually { first.log.occurrences(of: "compile cache: hit") == hitsBefore.0 + snippets.count })
                    #expect(await eventually { second.log.occurrences(of: "compile cache: hit") == hitsBefore.1 + snippets.count })
                }
            }
        }

        /// Past its size bound the cache drops the least recently used entries.
        @Test(.enabled(if: Toolchain.available("gcc"), "gcc is not installed"))
        func theLeastRecentlyUsedEntryGoesFirst() async throws {
            // About 400 KB of program each: three do not fit in 1 MiB.
            func large(_ name: String) -> String {
                "#include <stdio.h>\nstatic const char data[400000] = {1};\nint main(int argc, char **argv) { (void)argv; printf(\"\(name) %d\\n\", data[argc]); return 0; }\n"
            }
            try await withCachingDaemon(policy: "c", extra: ["--compile-cache-mib", "1"]) { daemon, cache in
                for name in ["a", "b", "a", "c"] {
                    let output = try await daemon.query(large(name))
                    #expect(output.stdout == "\(name) 0\n")
                }
                await daemon.expectLogged(kept: 3, hits: 1)
                #expect(try entries(in: cache).count == 2)
                _ = try await daemon.query(large("a"))
                await daemon.expectLogged(kept: 3, hits: 2)
                _ = try await daemon.query(large("b"))
                await daemon.expectLogged(kept: 4, hits: 2)
            }
        }

        @Test(.enabled(if: Toolchain.available("gcc"), "gcc is not installed"))
        func noCompileCacheCompilesEveryTime() async throws {
            try await withCachingDaemon(policy: "c", extra: ["--no-compile-cache"]) { daemon, cache in
                for _ in 0..<2 {
                    let greeting = try await daemon.query(Self.hello)
                    #expect(greeting.stdout == "hello\n")
                    #expect(greeting.exitCode == 0)
                }
                #expect(!daemon.log.contains("compile cache"))
                #expect(try FileManager.default.contentsOfDirectory(atPath: cache).isEmpty)
            }
        }
    }
}

/// Runs `body` with a daemon at debug level whose compile cache is `cache` (a new one by
/// default), under the shipped `policy/<policy>.yml` with `--require-sandbox` when given.
private func withCachingDaemon(
    language: String = "c", policy: String? = nil, cache: String? = nil, runtimePath: String? = nil, environment: [String: String] = [:],
    extra: [String] = [], _ body: (DaemonHarness, String) async throws -> Void
) async throws {
    let directory = try cache ?? TemporaryDirectory.make(prefix: "kr-compile-cache-")
    defer { if cache == nil { try? FileManager.default.removeItem(atPath: directory) } }
    let sandbox = policy.map { ["--policy", RepositoryFiles.policyDirectory + "/\($0).yml", "--require-sandbox"] } ?? []
    try await withDaemon(
        language: language, runtimePath: runtimePath, arguments: sandbox + ["--debug", "--compile-cache-dir", directory] + extra,
        environment: environment
    ) { daemon in
        try await body(daemon, directory)
    }
}

extension DaemonHarness {
    /// Expects the log to come to show `kept` compiles stored and `hits` hits in all (a line
    /// may arrive a moment after the run's `finished`).
    fileprivate func expectLogged(kept: Int, hits: Int, sourceLocation: SourceLocation = #_sourceLocation) async {
        let matched = await eventually {
            log.occurrences(of: "compile cache: kept") == kept && log.occurrences(of: "compile cache: hit") == hits
        }
        #expect(matched, "expected \(kept) kept, \(hits) hits; log: \(log.suffix(4_000))", sourceLocation: sourceLocation)
    }
}

/// The entries' file names (not the files being written, which start with a dot).
private func entries(in cache: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: cache + "/v1").filter { !$0.hasPrefix(".") }
}

private func mode(of path: String) throws -> Int {
    try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
}

/// A compiler that is gcc under another name: each call makes a new file (as a package upgrade does).
private func installWrapper(at path: String) throws {
    let next = path + ".next"
    try "#!/bin/sh\nexec gcc \"$@\"\n".write(toFile: next, atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: next)
    guard rename(next, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
}
