import Foundation
import TestSupport
import Testing

@Suite("Query and batch runs over ZeroMQ", .timeLimit(.minutes(5)))
struct QueryAndBatchTests {
    @Test(.enabled(if: Toolchain.available("gcc"), "gcc is not installed"))
    func cQueryPrintsAndUsesLibm() async throws {
        try await withDaemon(language: "c") { daemon in
            let run = try await daemon.query(
                """
                #include <stdio.h>
                #include <math.h>
                int main(void) { printf("hello %.1f\\n", sqrt(16.0)); return 3; }
                """)
            #expect(run.stdout == "hello 4.0\n")
            #expect(run.ops == [.stdout, .finished])
            #expect(run.exitCode == 3)
            #expect(!FileManager.default.fileExists(atPath: daemon.workDirectory + "/main"), "query mode must not write ./main")
        }
    }

    @Test(.enabled(if: Toolchain.available("gcc"), "gcc is not installed"))
    func cQueryCompileErrorGoesToStderr() async throws {
        try await withDaemon(language: "c") { daemon in
            let run = try await daemon.query("int main(void) { return undefined_thing; }")
            #expect(run.stderr.contains("undefined_thing"))
            #expect(run.exitCode != 0)
            #expect(run.stdout.isEmpty)
        }
    }

    @Test(.enabled(if: Toolchain.available("gcc"), "gcc is not installed"))
    func cBatchBuildsMultipleFoldersWithoutObjectCollisions() async throws {
        try await withDaemon(
            language: "c",
            prepare: { work, _ in
                try FileManager.default.createDirectory(atPath: work + "/a", withIntermediateDirectories: true)
                try FileManager.default.createDirectory(atPath: work + "/b", withIntermediateDirectories: true)
                try "int a_value(void) { return 40; }\n".write(toFile: work + "/a/util.c", atomically: true, encoding: .utf8)
                try "int b_value(void) { return 2; }\n".write(toFile: work + "/b/util.c", atomically: true, encoding: .utf8)
                try """
                #include <stdio.h>
                #include <math.h>
                int a_value(void); int b_value(void);
                int main(void) { printf("%d %.0f\\n", a_value() + b_value(), pow(2, 10)); return 0; }
                """.write(toFile: work + "/main.c", atomically: true, encoding: .utf8)
            }
        ) { daemon in
            let results = try await daemon.batch(clean: "*", build: "*", exec: "*")
            #expect(results.map(\.terminal) == [.cleanFinished, .buildFinished, .finished])
            #expect(results.map(\.exitCode) == [0, 0, 0], "build stderr: \(results[1].stderr)")
            #expect(results[2].stdout == "42 1024\n")
        }
    }

    @Test(.enabled(if: Toolchain.available("gcc"), "gcc is not installed"))
    func cBuildWithoutMainFileExplainsAndExits127() async throws {
        try await withDaemon(language: "c") { daemon in
            let results = try await daemon.batch(build: "*", exec: "*")
            #expect(results[1].exitCode == 127)
            #expect(results[1].stderr.contains("c-kernel: cannot find build script"))
            #expect(results[2].exitCode == 127, "exec after a failed build is skipped")
        }
    }

    @Test(.enabled(if: Toolchain.available("python3"), "python3 is not installed"))
    func pythonQueryAndBatch() async throws {
        try await withDaemon(
            language: "python",
            prepare: { work, _ in
                try "import sys\nprint('batch', sys.argv[0])\nsys.exit(4)\n".write(
                    toFile: work + "/main.py", atomically: true, encoding: .utf8)
            }
        ) { daemon in
            let query = try await daemon.query("print(6 * 7)")
            #expect(query.stdout == "42\n")
            #expect(query.exitCode == 0)

            let failing = try await daemon.query("raise ValueError('boom')")
            #expect(failing.stderr.contains("ValueError: boom"))
            #expect(failing.exitCode == 1)

            let results = try await daemon.batch(exec: "*")
            #expect(results[2].stdout == "batch main.py\n")
            #expect(results[2].exitCode == 4)
        }
    }

    @Test(.enabled(if: Toolchain.available("python3"), "python3 is not installed"))
    func pythonExecWithoutMainScriptExplains() async throws {
        try await withDaemon(language: "python") { daemon in
            let results = try await daemon.batch(exec: "*")
            #expect(results[2].exitCode == 127)
            #expect(results[2].stderr.contains("python-kernel: cannot find the main script"))
        }
    }
}
