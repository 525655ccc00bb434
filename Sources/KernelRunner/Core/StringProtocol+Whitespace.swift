extension StringProtocol {
    /// The text without its leading and trailing whitespace (spaces, tabs, line breaks: what
    /// `Character.isWhitespace` says), as Foundation's `trimmingCharacters(in:)` gave it.
    package var trimmingWhitespace: SubSequence {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
