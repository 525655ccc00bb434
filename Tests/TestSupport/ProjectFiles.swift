import Foundation

/// Writing and removing test projects in a work directory.
public enum ProjectFiles {
    public static func write(_ files: [String: String], into directory: String) throws {
        for (path, text) in files {
            let url = URL(fileURLWithPath: directory + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    /// Removes the files and folders of `directory`; hidden ones (toolchain caches) stay, so
    /// later builds in the same test stay fast.
    public static func removeVisible(from directory: String) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where !name.hasPrefix(".") {
            try FileManager.default.removeItem(atPath: directory + "/" + name)
        }
    }
}
