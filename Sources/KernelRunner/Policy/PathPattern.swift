import Glibc

/// One glob pattern of `whitelist_paths`, as the jail matches it: `*` matches any run of
/// characters, `/` included, so `/home/work/*` is everything beneath `/home/work`.
public struct PathPattern: Sendable, Hashable {
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    /// `*` alone: every path.
    public var matchesEverything: Bool { text == "*" }

    /// The directory tree the pattern names, when it is one (`/dir/*`, or a plain path):
    /// what Landlock can enforce. Nil for other globs (`/usr/lib/*.so`).
    public var tree: String? {
        let isGlob: (Substring) -> Bool = { $0.contains { "*?[".contains($0) } }
        if text.hasSuffix("/*") {
            let directory = text.dropLast(2)
            return isGlob(directory) || directory.isEmpty ? nil : String(directory)
        }
        return isGlob(Substring(text)) ? nil : text
    }

    /// Whether `path` (absolute) matches.
    public func matches(_ path: String) -> Bool {
        matchesEverything || fnmatch(text, path, 0) == 0
    }
}
