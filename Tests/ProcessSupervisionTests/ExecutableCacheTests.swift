import Glibc
import TestSupport
import Testing

@testable import ProcessSupervision

/// Bare names found in a search path are remembered until a searched directory changes; a
/// spawn sees every change at once.
@Suite("Program lookups kept between spawns")
struct ExecutableCacheTests {
    private let earlier = makeTemporaryDirectory()
    private let later = makeTemporaryDirectory()
    private var searchPath: String { "\(earlier):\(later):/usr/bin:/bin" }

    /// Writes a script printing `text` as `name` (which may name folders to make) in `directory`.
    private func install(_ text: String, in directory: String, as name: String = "tool") throws {
        try ProjectFiles.write([name: "#!/bin/sh\necho \(text)\n"], into: directory)
        #expect(chmod(directory + "/" + name, 0o755) == 0)
    }

    private func output(of name: String) async throws -> String {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            ProcessSpec(executable: name, arguments: [], environment: ["PATH": searchPath], workingDirectory: "/"),
            handlers: recorder.handlers)
        _ = try #require(await finish(process))
        return recorder.stdoutText
    }

    private func spawnFailure(of name: String) -> SpawnError.Code? {
        do {
            let process = try SupervisedProcess.spawn(
                ProcessSpec(executable: name, arguments: [], environment: ["PATH": searchPath], workingDirectory: "/"),
                handlers: Recorder().handlers)
            process.kill()
            return nil
        } catch {
            return error.code
        }
    }

    @Test func answersAreKeptUntilASearchedDirectoryChanges() throws {
        let cache = ExecutableCache()
        try install("later", in: later)
        #expect(cache.file(of: "tool", searchPath: searchPath) == later + "/tool")
        #expect(cache.remembered(name: "tool", searchPath: searchPath) == later + "/tool")
        // Any change in a searched directory, even to another file, forgets everything.
        try install("other", in: earlier, as: "other")
        #expect(cache.file(of: "other", searchPath: searchPath) == earlier + "/other")
        #expect(cache.remembered(name: "tool", searchPath: searchPath) == nil)
        #expect(cache.file(of: "tool", searchPath: "relative:/usr/bin") == nil, "relative entries are the child's to search")
    }

    @Test func aProgramMadeEarlierInThePathRunsAtTheNextSpawn() async throws {
        try install("later", in: later)
        #expect(try await output(of: "tool") == "later\n")
        #expect(try await output(of: "tool") == "later\n")
        try install("earlier", in: earlier)
        #expect(try await output(of: "tool") == "earlier\n")
    }

    @Test func aRemovedProgramIsNotFoundAndOneNoLongerExecutableIsRefused() async throws {
        try install("later", in: later)
        try install("gone", in: later, as: "gone")
        #expect(try await output(of: "tool") == "later\n")
        #expect(try await output(of: "gone") == "gone\n")
        #expect(chmod(later + "/tool", 0o644) == 0)
        #expect(unlink(later + "/gone") == 0)
        #expect(spawnFailure(of: "tool") == .notExecutable)
        #expect(spawnFailure(of: "gone") == .executableNotFound)
    }

    @Test func aSearchedDirectoryMadeLaterIsSearchedAtTheNextSpawn() async throws {
        let missing = earlier + "/not/yet"
        let searchPath = "\(missing):\(later)"
        try install("later", in: later)
        let spec = ProcessSpec(executable: "tool", arguments: [], environment: ["PATH": searchPath], workingDirectory: "/")
        let recorder = Recorder()
        _ = try #require(await finish(try SupervisedProcess.spawn(spec, handlers: recorder.handlers)))
        #expect(recorder.stdoutText == "later\n")
        try install("made later", in: earlier, as: "not/yet/tool")
        let again = Recorder()
        _ = try #require(await finish(try SupervisedProcess.spawn(spec, handlers: again.handlers)))
        #expect(again.stdoutText == "made later\n")
    }
}
