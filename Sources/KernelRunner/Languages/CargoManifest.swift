/// What `exec *` needs from a `Cargo.toml`: which binary `cargo build` produces.
///
/// Not a TOML parser: it reads `key = "string"` lines of the `[package]` table and of
/// `[[bin]]` tables, which is where Cargo manifests keep these names.
struct CargoManifest: Sendable, Equatable {
    var packageName: String?
    var defaultRun: String?
    var binaryNames: [String] = []
    /// True for a workspace root (`[workspace]`), whose binaries live in member manifests.
    var isWorkspace = false

    init(parsing text: String) {
        var table = ""
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = Self.stripComment(rawLine).trimmingWhitespace
            if line.hasPrefix("[") {
                table = String(line)
                if table == "[[bin]]" { binaryNames.append("") }
                if table == "[workspace]" { isWorkspace = true }
                continue
            }
            guard let (key, value) = Self.stringAssignment(line) else { continue }
            switch (table, key) {
            case ("[package]", "name"): packageName = value
            case ("[package]", "default-run"): defaultRun = value
            case ("[[bin]]", "name"): binaryNames[binaryNames.count - 1] = value
            default: break
            }
        }
        binaryNames.removeAll(where: \.isEmpty)
    }

    /// The binary `cargo run` would pick: `default-run`, else the only (or first) `[[bin]]`,
    /// else the package's own name.
    var binaryName: String? {
        defaultRun ?? binaryNames.first ?? packageName
    }

    /// `key = "value"` (or single-quoted) → (key, value).
    private static func stringAssignment(_ line: Substring) -> (String, String)? {
        guard let equals = line.firstIndex(of: "=") else { return nil }
        let key = line[..<equals].trimmingWhitespace
        let value = line[line.index(after: equals)...].trimmingWhitespace
        guard let quote = value.first, quote == "\"" || quote == "'", value.count >= 2, value.last == quote else { return nil }
        return (String(key), String(value.dropFirst().dropLast()))
    }

    /// The line without a `#` comment that is outside quotes.
    private static func stripComment(_ line: Substring) -> Substring {
        var quote: Character?
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                return line[..<index]
            }
        }
        return line
    }
}
