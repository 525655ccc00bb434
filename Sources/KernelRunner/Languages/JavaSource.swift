/// What the Java runner needs to know about a source file, found by scanning its tokens:
/// the package, the public top-level type (which names the file) and the classes that
/// declare `static void main(`.
///
/// Comments and string literals are skipped, so `class` in a comment does not count. Nested
/// classes are named with `$`, as the `java` launcher expects.
struct JavaSource: Sendable, Equatable {
    var packageName: String?
    var publicTypeName: String?
    /// The names of the file's top-level types, in source order.
    var topLevelTypes: [String] = []
    /// Binary names without the package, in source order.
    var mainClasses: [String] = []

    init(parsing text: String) {
        let tokens = Self.tokens(of: text)
        var depth = 0
        /// Types whose body is open: (binary name, depth inside the body).
        var openTypes: [(name: String, depth: Int)] = []
        var pendingType: String?
        var statementStart = 0
        for (index, token) in tokens.enumerated() {
            switch token {
            case "{":
                depth += 1
                if let name = pendingType {
                    openTypes.append((name, depth))
                    pendingType = nil
                }
                statementStart = index + 1
            case "}":
                if openTypes.last?.depth == depth { openTypes.removeLast() }
                depth -= 1
                statementStart = index + 1
            case ";":
                statementStart = index + 1
            case "package" where depth == 0 && packageName == nil:
                packageName = tokens[(index + 1)...].prefix { $0 != ";" }.joined()
            case "class", "interface", "enum", "record":
                guard index + 1 < tokens.count, Self.isIdentifier(tokens[index + 1]) else { break }
                let simpleName = tokens[index + 1]
                pendingType = (openTypes.map(\.name) + [simpleName]).joined(separator: "$")
                if depth == 0 { topLevelTypes.append(simpleName) }
                if depth == 0, publicTypeName == nil, tokens[statementStart..<index].contains("public") {
                    publicTypeName = simpleName
                }
            case "main":
                let isMethod = index >= 1 && tokens[index - 1] == "void" && index + 1 < tokens.count && tokens[index + 1] == "("
                if isMethod, tokens[statementStart..<index].contains("static"), let owner = openTypes.last, owner.depth == depth {
                    mainClasses.append(owner.name)
                }
            default:
                break
            }
        }
    }

    /// Whether `path` (relative to a `javac -d` directory) is a class file of this source or a
    /// folder of its package: `pkg/Name.class`, `pkg/Name$Inner.class`, `pkg/Name$1.class`.
    func isOwnClassFile(_ path: String) -> Bool {
        let folders = packageName.map { $0.split(separator: ".").map(String.init) } ?? []
        var parts = path.split(separator: "/").map(String.init)
        guard parts.count == folders.count + 1, parts.dropLast() == folders[...] else {
            return parts.count <= folders.count && folders.starts(with: parts)
        }
        let file = parts.removeLast()
        return topLevelTypes.contains { file == "\($0).class" || file.hasPrefix("\($0)$") && file.hasSuffix(".class") }
    }

    /// `package.Name` for a class of this file.
    func qualified(_ name: String) -> String {
        packageName.map { "\($0).\(name)" } ?? name
    }

    private static func isIdentifier(_ token: String) -> Bool {
        token.first.map { $0.isLetter || $0 == "_" || $0 == "$" } ?? false
    }

    /// Identifiers, numbers and single punctuation characters, without comments and literals.
    static func tokens(of text: String) -> [String] {
        var tokens: [String] = []
        var characters = Substring(text)
        while let character = characters.first {
            if character.isWhitespace {
                characters = characters.dropFirst()
            } else if characters.hasPrefix("//") {
                characters = characters.drop { !$0.isNewline }
            } else if characters.hasPrefix("/*") {
                let rest = characters.dropFirst(2)
                characters = rest.firstRange(of: "*/").map { rest[$0.upperBound...] } ?? rest.suffix(0)
            } else if character == "\"" || character == "'" {
                characters = skipLiteral(characters.dropFirst(), closing: character)
            } else if isIdentifier(String(character)) || character.isNumber {
                let word = characters.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "$" }
                tokens.append(String(word))
                characters = characters[word.endIndex...]
            } else {
                tokens.append(String(character))
                characters = characters.dropFirst()
            }
        }
        return tokens
    }

    /// The text after a string or character literal whose opening quote was dropped.
    private static func skipLiteral(_ text: Substring, closing: Character) -> Substring {
        var escaped = false
        for index in text.indices {
            let character = text[index]
            if escaped {
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == closing {
                return text[text.index(after: index)...]
            }
        }
        return text.suffix(0)
    }
}
