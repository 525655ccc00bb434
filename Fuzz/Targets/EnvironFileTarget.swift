import KernelRunner

extension FuzzTarget {
    /// `environ.txt` as the agent writes it, or worse.
    ///
    /// Every entry must be a line of the file split at its first `=`: a key that is not empty
    /// and holds no `=`, NUL or line break, and a value that holds no line break (one would
    /// smuggle a second variable into the children's environment).
    static let environFile = FuzzTarget("environ-file") { input throws(InvariantViolation) in
        let text = String(decoding: input, as: UTF8.self)
        let environ = EnvironFile(parsing: text)
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(String.UnicodeScalarView(line.last == "\r" ? line.dropLast() : line))
        }
        try require(environ.entries.count + environ.problems.count <= lines.count, "more results than lines")
        let lineSet = Set(lines)
        for (key, value) in environ.entries {
            try require(!key.isEmpty, "an empty key")
            try require(!key.unicodeScalars.contains { $0 == "=" || $0 == "\0" || $0 == "\n" }, "key \(key.debugDescription)")
            try require(!value.unicodeScalars.contains { $0 == "\n" }, "value \(value.debugDescription) spans lines")
            try require(lineSet.contains(key + "=" + value), "\(key)=\(value) is not a line of the file")
        }
    }
}
