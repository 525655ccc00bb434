import Foundation
import ProcessSupervision

/// Python interpreters with optional modules, for tests that need them.
public enum PythonModules {
    /// Whether `python` can import every one of `modules`.
    ///
    /// Spawned through ProcessSupervision: the reaper that suites supervising processes run in
    /// this test process would collect a child started any other way.
    public static func available(_ modules: [String], python: String = "python3") async -> Bool {
        guard let path = python.hasPrefix("/") ? python : Toolchain.find(python) else { return false }
        let spec = ProcessSpec(
            executable: path, arguments: ["-c", modules.map { "import \($0)" }.joined(separator: "; ")],
            environment: ProcessInfo.processInfo.environment, workingDirectory: "/")
        guard let process = try? SupervisedProcess.spawn(spec, handlers: ProcessHandlers(output: { _ in })) else { return false }
        return await process.wait().exitCode == 0
    }

    /// The gate of a test that needs `modules`: whether `python` has them; always true in CI,
    /// where the test must then fail on a missing module instead of being skipped.
    public static func required(_ modules: [String], python: String = "python3") async -> Bool {
        if Toolchain.isCI { return true }
        return await available(modules, python: python)
    }
}
