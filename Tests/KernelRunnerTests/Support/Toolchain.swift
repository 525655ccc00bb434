import Foundation

/// Whether a language toolchain is installed, for tests that need one.
///
/// In CI (`CI=true`) every toolchain counts as present, so a missing one makes its tests fail
/// rather than skip; locally the test is skipped, and swift-testing prints the reason.
enum Toolchain {
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// True when every tool is on PATH (always true in CI).
    static func available(_ tools: String...) -> Bool {
        isCI || tools.allSatisfy { find($0) != nil }
    }

    /// The absolute path of a tool on PATH.
    static func find(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":")
            .map { "\($0)/\(tool)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
