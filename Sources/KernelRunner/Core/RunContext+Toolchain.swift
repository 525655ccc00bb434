import Glibc
import SystemSupport

/// Finding the tools that come with a language's runtime (`cargo` next to `rustc`, `npm` next to
/// `node`, …).
extension RunContext {
    /// `tool` from the runtime's directory when the runtime path is absolute and the tool is
    /// there, so an image's runtime-path label picks the matching toolchain; else the bare
    /// name, looked up in `PATH` when it runs.
    public func companionTool(_ tool: String) -> String {
        guard runtimePath.contains("/") else { return tool }
        let sibling = FileSystem.directoryPart(of: runtimePath) + "/" + tool
        return access(sibling, X_OK) == 0 ? sibling : tool
    }

    /// True if `tool` can be run: a path to an executable, or a name found in the run's `PATH`.
    public func toolExists(_ tool: String) -> Bool {
        if tool.contains("/") { return access(tool, X_OK) == 0 }
        let searchPath = environment["PATH"] ?? ""
        return searchPath.split(separator: ":").contains { directory in
            access("\(directory)/\(tool)", X_OK) == 0
        }
    }

    /// True if `path` (relative to the work dir unless absolute) is a directory.
    public func directoryExists(_ path: String) -> Bool {
        FileSystem.isDirectory(resolve(path))
    }

    /// The contents of a work-dir file as text, or `nil` if it cannot be read.
    public func readText(_ path: String) -> String? {
        FileSystem.contents(of: resolve(path)).flatMap { String(validating: $0, as: UTF8.self) }
    }
}
