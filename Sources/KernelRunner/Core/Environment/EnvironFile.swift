import Glibc
import SystemSupport

/// The agent's `/home/config/environ.txt`: one `KEY=VALUE` per line, split at the first `=`.
///
/// Unlike the original, a malformed line (no `=`, empty key) is reported and skipped; the
/// following lines still apply.
public struct EnvironFile: Sendable, Equatable {
    /// The pairs, in file order (a later duplicate wins when applied).
    public var entries: [(key: String, value: String)]
    /// Human-readable notes about skipped lines, for the daemon's log.
    public var problems: [String]

    /// Parses the text of an environ file.
    public init(parsing text: String) {
        entries = []
        problems = []
        // Split by scalars, not Characters: "\r\n" is one Character, which would keep a CRLF
        // file in one line (its variables swallowed by the first value).
        for (index, rawLine) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.last == "\r" ? rawLine.dropLast() : rawLine
            if line.isEmpty { continue }
            guard let equals = line.firstIndex(of: "="), equals != line.startIndex else {
                problems.append("environ line \(index + 1) skipped: expected KEY=VALUE")
                continue
            }
            let key = String(line[..<equals])
            guard !key.unicodeScalars.contains("\0") else {
                problems.append("environ line \(index + 1) skipped: NUL in key")
                continue
            }
            entries.append((key, String(line[line.index(after: equals)...])))
        }
    }

    /// Reads the file; a missing file is an empty one.
    public init(contentsOf path: String) {
        // read(2), not FileManager (see IntrinsicPorts.init(contentsOf:)).
        guard let data = FileSystem.contents(of: path, limit: .max) else {
            self.init(parsing: "")
            return
        }
        self.init(parsing: String(decoding: data, as: UTF8.self))
    }

    public static func == (lhs: EnvironFile, rhs: EnvironFile) -> Bool {
        lhs.entries.map { [$0.key, $0.value] } == rhs.entries.map { [$0.key, $0.value] } && lhs.problems == rhs.problems
    }
}
