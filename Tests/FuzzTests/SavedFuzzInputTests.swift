import Foundation
import FuzzTargets
import TestSupport
import Testing

/// Replays every saved fuzz input through its target without the fuzzer: the seeds in
/// `Fuzz/corpus/<target>/` and the inputs that once crashed a parser or broke an invariant in
/// `Fuzz/regressions/<target>/`, so a fixed bug stays fixed.
@Suite("Saved fuzz inputs")
struct SavedFuzzInputTests {
    static let fuzzDirectory = RepositoryFiles.root + "/Fuzz"

    @Test(arguments: FuzzTarget.all.map(\.name))
    func savedInputsKeepEveryInvariant(target name: String) throws {
        let target = try #require(FuzzTarget.named(name))
        let seeds = Self.files(in: "corpus", of: name)
        #expect(!seeds.isEmpty, "every target has seeds in Fuzz/corpus/\(name)")
        for path in seeds + Self.files(in: "regressions", of: name) {
            let input = try #require(FileManager.default.contents(atPath: path))
            #expect(throws: Never.self, "\(path)") { try target.check(Array(input)) }
        }
    }

    @Test(arguments: ["corpus", "regressions"])
    func everySavedFolderBelongsToATarget(kind: String) {
        let folders = RepositoryFiles.names(in: "\(Self.fuzzDirectory)/\(kind)") { !$0.hasPrefix(".") }
        let unknown = folders.filter { FuzzTarget.named($0) == nil }
        #expect(unknown.isEmpty, "Fuzz/\(kind) has folders of no target: \(unknown)")
    }

    private static func files(in kind: String, of target: String) -> [String] {
        let directory = "\(fuzzDirectory)/\(kind)/\(target)"
        return RepositoryFiles.names(in: directory) { !$0.hasPrefix(".") }.map { "\(directory)/\($0)" }
    }
}
