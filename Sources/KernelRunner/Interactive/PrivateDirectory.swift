import Foundation

/// Owner-only scratch directories for the interpreters' files (driver script, connection files,
/// sockets), outside the user's work dir.
enum PrivateDirectory {
    /// Creates a new mode-0700 directory under the temporary directory.
    static func make(prefix: String) throws(InteractiveError) -> String {
        var template = Array((NSTemporaryDirectory() + "/" + prefix + "XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw InteractiveError(.scratchDirectory, errno: errno, "cannot create a scratch directory")
        }
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Writes `text` to a new owner-only file.
    static func write(_ text: String, to path: String) throws(InteractiveError) {
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw InteractiveError(.scratchDirectory, errno: errno, "cannot write \(path)")
        }
    }

    /// Removes a directory and its contents; a missing directory is fine.
    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
