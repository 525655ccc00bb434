public import KernelProtocol

/// The completion fallback when no Jupyter kernel answers: the language's keywords and
/// builtins plus the identifiers found in the code sent, filtered by the word at the cursor.
public struct KeywordCompleter: Sendable {
    /// Words always offered.
    public var keywords: [String]

    public init(keywords: [String]) {
        self.keywords = keywords
    }

    /// Candidates that extend the identifier right before the cursor, keywords first, each once.
    public func suggestions(for request: CompletionRequest, limit: Int = 50) -> [String] {
        let prefix = Self.trailingIdentifier(of: request.textBeforeCursor)
        guard !prefix.isEmpty else { return [] }
        var seen: Set<String> = [prefix]
        var result: [String] = []
        for word in keywords + Self.identifiers(in: request.code) where word.hasPrefix(prefix) && seen.insert(word).inserted {
            result.append(word)
            if result.count == limit { break }
        }
        return result
    }

    static func isIdentifierCharacter(_ character: Character) -> Bool {
        character == "_" || character.isLetter || character.isNumber
    }

    static func trailingIdentifier(of text: String) -> String {
        String(text.reversed().prefix(while: isIdentifierCharacter).reversed())
    }

    static func identifiers(in code: String) -> [String] {
        code.split(whereSeparator: { !isIdentifierCharacter($0) })
            .filter { $0.first.map { !$0.isNumber } ?? false }
            .map(String.init)
    }
}
