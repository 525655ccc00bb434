import SystemSupport

/// A file or directory in a snippet's scratch directory: a compiler's input or one of its results.
struct SnippetFile: Sendable, Equatable {
    /// The path relative to the scratch directory, `/`-separated, without `.` or `..` parts.
    var path: String
    /// The permission bits.
    var mode: UInt32
    /// The contents of a regular file; nil for a directory.
    var contents: [UInt8]?

    /// Whether `path` stays inside the directory it is relative to.
    static func isContained(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }
}

extension SnippetFile {
    /// Every file and directory below `directory`, each directory before what it holds, in name
    /// order; symbolic links, devices and the like are refused.
    ///
    /// - Parameter byteLimit: the most bytes the files may hold together.
    static func tree(of directory: String, byteLimit: Int) throws(CompileCacheError) -> [SnippetFile] {
        var files: [SnippetFile] = []
        var bytes = 0
        try collect(directory, prefix: "", into: &files, bytes: &bytes, byteLimit: byteLimit)
        return files
    }

    private static func collect(
        _ directory: String, prefix: String, into files: inout [SnippetFile], bytes: inout Int, byteLimit: Int
    ) throws(CompileCacheError) {
        for name in try CompileCacheError.mapping(.file, { () throws(SystemError) in try FileSystem.names(in: directory) }).sorted() {
            let path = directory + "/" + name
            let relative = prefix + name
            let status = try CompileCacheError.mapping(.file) { () throws(SystemError) in
                try FileSystem.status(of: path, followingLinks: false)
            }
            switch status.kind {
            case .directory:
                files.append(SnippetFile(path: relative, mode: status.mode, contents: nil))
                try collect(path, prefix: relative + "/", into: &files, bytes: &bytes, byteLimit: byteLimit)
            case .regular:
                bytes += status.size
                guard bytes <= byteLimit else { throw CompileCacheError(.tooLarge, path: path) }
                let contents = try CompileCacheError.mapping(.file) { () throws(SystemError) in
                    try FileSystem.read(path, limit: status.size)
                }
                files.append(SnippetFile(path: relative, mode: status.mode, contents: contents))
            case .symbolicLink, .other:
                throw CompileCacheError(.unsupportedFile, path: path)
            }
        }
    }

    /// Creates `files` (from ``tree(of:byteLimit:)``) below `directory`, with their modes; none
    /// of them may exist yet. On failure what was created, in part or whole, is removed again.
    static func create(_ files: [SnippetFile], in directory: String) throws(CompileCacheError) {
        for (index, file) in files.enumerated() {
            let path = directory + "/" + file.path
            do throws(SystemError) {
                if let contents = file.contents {
                    try FileSystem.create(contents, at: path, mode: file.mode)
                } else {
                    try FileSystem.makeDirectory(path, mode: 0o700)
                    try FileSystem.setMode(of: path, to: file.mode)
                }
            } catch {
                for created in files[...index].reversed() {
                    FileSystem.removeTree(directory + "/" + created.path)
                }
                throw CompileCacheError(.file, error)
            }
        }
    }
}
