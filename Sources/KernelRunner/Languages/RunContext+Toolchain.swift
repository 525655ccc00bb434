import Foundation

/// Finding the tools that come with a language's runtime (`cargo` next to `rustc`, `npm` next to
/// `node`, …).
extension RunContext {
    /// `tool` from the runtime's directory when the runtime path is absolute and the tool is
    /// there, so an image's runtime-path label picks the matching toolchain; else the bare
    /// name, looked up in `PATH` when it runs.
    func companionTool(_ tool: String) -> String {
        guard runtimePath.contains("/") else { return tool }
        let sibling = (runtimePath as NSString).deletingLastPathComponent + "/" + tool
        return access(sibling, X_OK) == 0 ? sibling : tool
    }

    /// True if `tool` can be run: a path to an executable, or a name found in the run's `PATH`.
    func toolExists(_ tool: String) -> Bool {
        if tool.contains("/") { return access(tool, X_OK) == 0 }
        let searchPath = environment["PATH"] ?? ""
        return searchPath.split(separator: ":").contains { directory in
            access("\(directory)/\(tool)", X_OK) == 0
        }
    }

    /// True if `path` (relative to the work dir unless absolute) is a directory.
    func directoryExists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: resolve(path), isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The contents of a work-dir file as text, or `nil` if it cannot be read.
    func readText(_ path: String) -> String? {
        try? String(contentsOfFile: resolve(path), encoding: .utf8)
    }
}
