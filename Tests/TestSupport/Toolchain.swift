import Foundation

/// Whether a language toolchain is installed, for tests that need one.
///
/// In CI every toolchain counts as present, so a missing one makes its tests fail rather than
/// skip; locally the test is skipped, and swift-testing prints the reason.
public enum Toolchain {
    /// Whether this is a CI run: `CI` set to one of the usual truthy spellings (`true`, `1`,
    /// `yes`, in any case). CI services set `CI=true`, people `CI=1` as often.
    public static var isCI: Bool { isTruthy(ProcessInfo.processInfo.environment["CI"]) }

    /// Whether `value` is one of the truthy spellings ``isCI`` accepts.
    public static func isTruthy(_ value: String?) -> Bool {
        guard let value else { return false }
        return ["true", "1", "yes"].contains(value.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// True when every tool is on PATH (always true in CI).
    public static func available(_ tools: String...) -> Bool {
        isCI || tools.allSatisfy { find($0) != nil }
    }

    /// The absolute path of a tool on PATH.
    public static func find(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":")
            .map { "\($0)/\(tool)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A Python with ipykernel for the Jupyter tests: `KERNEL_RUNNER_IPYKERNEL_PYTHON`, else
    /// `.build-venv/ipykernel/bin/python3` (made by `scripts/install-deps --toolchains`), whose
    /// kernelspec the daemon finds under its prefix.
    public static let ipykernelPython: String =
        ProcessInfo.processInfo.environment["KERNEL_RUNNER_IPYKERNEL_PYTHON"]
        ?? RepositoryFiles.root + "/.build-venv/ipykernel/bin/python3"

    /// True when ``ipykernelPython`` exists (always in CI, where its absence fails the tests).
    public static var hasIPyKernel: Bool { isCI || FileManager.default.isExecutableFile(atPath: ipykernelPython) }
}
