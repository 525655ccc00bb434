/// The contents of a cgroup "flat keyed" file, one `key value` pair a line, such as
/// `memory.events` (v2) or `memory.oom_control` (v1).
struct FlatKeyedValues: Sendable, Equatable {
    private let values: [Substring: Int]

    /// Parses `text`; lines that are not a key and an integer are skipped.
    init(_ text: String) {
        var values: [Substring: Int] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, let value = Int(fields[1]) {
                values[fields[0]] = value
            }
        }
        self.values = values
    }

    /// The value of `key`, nil when the file does not have it.
    subscript(key: String) -> Int? {
        values[Substring(key)]
    }
}
