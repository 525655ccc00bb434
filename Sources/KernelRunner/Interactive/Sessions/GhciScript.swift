/// Turns a Haskell cell into a GHCi script (what `:script` runs): GHCi reads one line per
/// command, so multi-line code goes in `:{ … :}` blocks, and the equations and signature of one
/// function must share a block.
///
/// The cell is cut into top-level items (a line at column 0 and the indented lines after it).
/// Consecutive declarations form one block; each statement or expression is a command of its
/// own; `import` lines, `{-# LANGUAGE … #-}` pragmas (as `:set -X…`) and GHCi commands (`:type
/// …`) pass through; a `module … where` header is dropped; a cell with its own `:{` is a GHCi
/// script already and runs as it is. A cell that defines `main` and runs nothing else runs
/// `main`, so a whole program works as a cell, as in one-shot query mode.
package enum GhciScript {
    /// One top-level item of a cell.
    enum Item: Equatable {
        case declaration(String)
        case statement(String)
        /// A line GHCi takes as is: an import, a `:` command, a `:set` for a pragma.
        case command(String)
    }

    /// The script for `code`.
    package static func script(for code: String) -> String {
        // Already a GHCi script, with its own blocks.
        if code.split(whereSeparator: \.isNewline).contains(where: { $0.trimmingWhitespace == ":{" }) {
            return code
        }
        let items = self.items(in: code)
        var lines: [String] = []
        var declarations: [String] = []
        func flushDeclarations() {
            guard !declarations.isEmpty else { return }
            lines += [":{"] + declarations + [":}"]
            declarations = []
        }
        for item in items {
            switch item {
            case .declaration(let text):
                declarations.append(text)
            case .statement(let text):
                flushDeclarations()
                lines += text.contains("\n") ? [":{", text, ":}"] : [text]
            case .command(let text):
                flushDeclarations()
                lines.append(text)
            }
        }
        flushDeclarations()
        let runsSomething = items.contains { if case .statement = $0 { true } else { false } }
        if !runsSomething && items.contains(where: definesMain) {
            lines.append("main")
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The cell's top-level items, in order.
    static func items(in code: String) -> [Item] {
        var chunks: [[Substring]] = []
        for line in code.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = line.hasSuffix("\r") ? line.dropLast() : line
            let startsItem = line.first.map { !$0.isWhitespace } ?? false
            if startsItem && !line.hasPrefix("--") {
                chunks.append([line])
            } else if !chunks.isEmpty {
                chunks[chunks.count - 1].append(line)
            }
        }
        return chunks.compactMap { chunk in
            let text = chunk.reversed().drop { $0.allSatisfy(\.isWhitespace) }.reversed().joined(separator: "\n")
            return item(text)
        }
    }

    private static let declarationKeywords: Set<Substring> = [
        "data", "type", "newtype", "class", "instance", "deriving", "infix", "infixl", "infixr", "default", "foreign", "pattern",
    ]

    private static func item(_ text: String) -> Item? {
        let firstWord = text.prefix { !$0.isWhitespace && $0 != "(" }
        if text.hasPrefix(":") { return .command(text) }
        if text.hasPrefix("{-#") { return pragma(text) }
        if firstWord == "module" { return nil }
        if firstWord == "import" { return .command(text.split(whereSeparator: \.isNewline).joined(separator: " ")) }
        if declarationKeywords.contains(firstWord) { return .declaration(text) }
        return isDeclaration(text) ? .declaration(text) : .statement(text)
    }

    /// `{-# LANGUAGE A, B #-}` as `:set -XA -XB`; other pragmas mean nothing to GHCi.
    private static func pragma(_ text: String) -> Item? {
        let words = text.dropFirst(3).split { $0.isWhitespace || $0 == "," }
        guard words.first == "LANGUAGE" else { return nil }
        let extensions = words.dropFirst().prefix { $0 != "#-}" }
        return extensions.isEmpty ? nil : .command(":set " + extensions.map { "-X\($0)" }.joined(separator: " "))
    }

    private static func definesMain(_ item: Item) -> Bool {
        guard case .declaration(let text) = item, text.hasPrefix("main") else { return false }
        return text.dropFirst(4).first.map { $0.isWhitespace || $0 == "=" || $0 == ":" } ?? false
    }

    private static let symbolCharacters = Set("!#$%&*+./<=>?@\\^|-~:")

    /// True when, outside brackets, literals and comments, an `=` or a signature's `::` comes
    /// before any `<-`: `f x = …`, `x, y :: Int`; a statement is `x <- getLine`, `print 1`,
    /// `read s :: Int`.
    static func isDeclaration(_ text: String) -> Bool {
        if text.hasPrefix("let ") || text.hasPrefix("let\n") { return false }
        let characters = Array(text)
        var depth = 0
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "(", "[", "{":
                depth += 1
            case ")", "]", "}":
                depth = max(depth - 1, 0)
            case "\"":
                index += 1
                while index < characters.count && characters[index] != "\"" {
                    index += characters[index] == "\\" ? 2 : 1
                }
            case "'" where index == 0 || !isNameCharacter(characters[index - 1]):
                // A character literal ('a', '\n'), not a prime in a name (x').
                if let close = characters[(index + 1)...].prefix(6).firstIndex(of: "'") { index = close }
            case _ where symbolCharacters.contains(character):
                var end = index
                while end < characters.count && symbolCharacters.contains(characters[end]) { end += 1 }
                let symbol = String(characters[index..<end])
                if symbol.hasPrefix("--") && symbol.allSatisfy({ $0 == "-" }) {
                    while end < characters.count && characters[end] != "\n" { end += 1 }
                } else if depth == 0 {
                    switch symbol {
                    case "=": return true
                    case "<-": return false
                    case "::": return isNameList(characters[..<index])
                    default: break
                    }
                }
                index = end
                continue
            default:
                break
            }
            index += 1
        }
        return false
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "'"
    }

    /// `x`, `x, y`, `(<+>)`: what a type signature names.
    private static func isNameList(_ characters: ArraySlice<Character>) -> Bool {
        String(characters).split(separator: ",").allSatisfy { part in
            let name = part.trimmingWhitespace
            if name.hasPrefix("(") && name.hasSuffix(")") { return name.count > 2 }
            guard let first = name.first, first.isLowercase || first == "_" else { return false }
            return name.allSatisfy(isNameCharacter)
        }
    }
}
