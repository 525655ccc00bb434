import Foundation
import TestSupport
import Testing

/// What the daemon writes for itself — query-mode snippets and binaries, interpreter drivers,
/// their sockets and connection files — is owner-only and goes away with its run or with the
/// daemon. Each daemon here gets its own `TMPDIR`, so everything in it is that daemon's.
@Suite("Private files", .timeLimit(.minutes(3)))
struct PrivateFileTests {
    /// Entries under `directory` that someone other than the owner may read, write or enter.
    static func exposedEntries(under directory: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var exposed: [String] = []
        while let relative = walker.nextObject() as? String {
            var info = stat()
            let path = directory + "/" + relative
            if lstat(path, &info) == 0, info.st_mode & 0o077 != 0 {
                exposed.append("\(relative) \(String(info.st_mode & 0o777, radix: 8))")
            }
        }
        return exposed
    }

    static func entries(of directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    }

    @Test func querySnippetsLiveInAnOwnerOnlyScratchDirectoryRemovedAfterTheRun() async throws {
        let temporary = try TemporaryDirectory.make(prefix: "kr-private-")
        try await withDaemon(language: "shell", arguments: ["--stateless-query"], environment: ["TMPDIR": temporary]) { daemon in
            let run = try await daemon.query(#"stat -c '%a %n' "$(dirname "$0")" "$0""#)
            let lines = run.stdout.split(separator: "\n")
            #expect(lines.count == 2, "\(run.stdout) \(run.stderr)")
            #expect(lines.first?.hasPrefix("700 \(temporary)/") == true, "scratch directory: \(run.stdout)")
            #expect(lines.last?.hasPrefix("600 \(temporary)/") == true, "snippet file: \(run.stdout)")
            #expect(Self.entries(of: temporary).isEmpty, "left behind: \(Self.entries(of: temporary))")
        }
    }

    /// A session driver's script, its FIFOs and its cells: owner-only, gone with the session.
    @Test func sessionDriverFilesStayPrivateAndGoAtShutdown() async throws {
        let temporary = try TemporaryDirectory.make(prefix: "kr-private-")
        try await withDaemon(language: "shell", environment: ["TMPDIR": temporary]) { daemon in
            let run = try await daemon.query("kept=yes")
            #expect(run.exitCode == 0, "\(run.stderr)")
            #expect(!Self.entries(of: temporary).isEmpty, "the session's channel is under TMPDIR while it runs")
            #expect(Self.exposedEntries(under: temporary).isEmpty, "readable by others: \(Self.exposedEntries(under: temporary))")
            let stop = await daemon.stop()
            #expect(stop.status?.reason == .exited(0), "\(daemon.log)")
            #expect(Self.entries(of: temporary).isEmpty, "left behind: \(Self.entries(of: temporary))")
        }
    }

    @Test(.enabled(if: Toolchain.hasIPyKernel, "no Python with ipykernel"))
    func theJupyterConnectionFileAndItsKeyStayPrivate() async throws {
        let temporary = try TemporaryDirectory.make(prefix: "kr-private-")
        try await withDaemon(
            language: "python", runtimePath: Toolchain.ipykernelPython, arguments: ["--input-socket", ""],
            environment: ["TMPDIR": temporary]
        ) { daemon in
            let run = try await daemon.query("print(6 * 7)")
            #expect(run.stdout == "42\n", "\(run.stderr)")
            // The connection file holds the key that signs every message to the kernel.
            #expect(!Self.entries(of: temporary).isEmpty, "the kernel's files are under TMPDIR while it runs")
            #expect(Self.exposedEntries(under: temporary).isEmpty, "readable by others: \(Self.exposedEntries(under: temporary))")
            // Stopped here, so what the daemon removes at shutdown can be checked.
            let stop = await daemon.stop()
            #expect(stop.status?.reason == .exited(0), "\(daemon.log)")
            #expect(Self.entries(of: temporary).isEmpty, "left behind: \(Self.entries(of: temporary))")
        }
    }
}
