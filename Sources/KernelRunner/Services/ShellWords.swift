/// Splits a command string into words the way a POSIX shell would (Python's `shlex.split`):
/// blanks separate words, single quotes keep everything literal, double quotes keep blanks and
/// honour backslash before `"`, `\`, `$` and a backquote, and a backslash outside quotes keeps
/// the next character literal. No expansion of any kind happens.
enum ShellWords {
    /// The words of `text`.
    static func split(_ text: String) throws(ServiceError) -> [String] {
        enum Quote { case none, single, double }
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote = Quote.none
        var characters = text.makeIterator()
        while let character = characters.next() {
            switch quote {
            case .single:
                if character == "'" { quote = .none } else { word.append(character) }
            case .double:
                if character == "\"" {
                    quote = .none
                } else if character == "\\" {
                    guard let next = characters.next() else { throw unterminated(text) }
                    if !"\"\\$`".contains(next) { word.append("\\") }
                    word.append(next)
                } else {
                    word.append(character)
                }
            case .none:
                if character == " " || character == "\t" || character == "\n" {
                    if inWord { words.append(word) }
                    word = ""
                    inWord = false
                    continue
                }
                inWord = true
                switch character {
                case "'": quote = .single
                case "\"": quote = .double
                case "\\":
                    guard let next = characters.next() else { throw unterminated(text) }
                    word.append(next)
                default: word.append(character)
                }
            }
        }
        guard quote == .none else { throw unterminated(text) }
        if inWord { words.append(word) }
        return words
    }

    private static func unterminated(_ text: String) -> ServiceError {
        ServiceError(.invalidDefinition, "cannot split the command into words (unterminated quote or escape): \(text)")
    }
}
