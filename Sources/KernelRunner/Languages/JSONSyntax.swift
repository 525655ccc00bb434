/// Where a JSON text breaks, for error messages: Foundation's `JSONDecoder` only says that the
/// data is not valid JSON. A recursive-descent check of RFC 8259's grammar; it builds nothing.
struct JSONSyntax {
    private let bytes: [UInt8]
    private var index = 0
    /// Arrays and objects nest at most this deep, as a decoder's stack would allow.
    private static let depthLimit = 512

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// nil when `bytes` is one valid JSON value (surrounded by whitespace at most); else what is
    /// wrong and where, e.g. `unexpected "}" at line 3, column 7`.
    static func firstError(in bytes: [UInt8]) -> String? {
        var syntax = JSONSyntax(bytes)
        guard syntax.value(depth: 0) else { return syntax.problem() }
        syntax.skipWhitespace()
        return syntax.index == bytes.count ? nil : syntax.problem()
    }

    private func problem() -> String {
        guard index < bytes.count else { return "unexpected end of the text" }
        let before = bytes[..<index]
        let line = before.count { $0 == UInt8(ascii: "\n") } + 1
        let column = index - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
        let character =
            bytes[index] >= 0x20 && bytes[index] < 0x7F ? "\"\(Character(Unicode.Scalar(bytes[index])))\"" : "byte \(bytes[index])"
        return "unexpected \(character) at line \(line), column \(column)"
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        index += 1
        return true
    }

    private mutating func value(depth: Int) -> Bool {
        skipWhitespace()
        switch current {
        case UInt8(ascii: "{"): return depth < Self.depthLimit && members(depth: depth + 1)
        case UInt8(ascii: "["): return depth < Self.depthLimit && elements(depth: depth + 1)
        case UInt8(ascii: "\""): return string()
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number()
        }
    }

    private mutating func members(depth: Int) -> Bool {
        index += 1
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return true }
        repeat {
            skipWhitespace()
            guard string() else { return false }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")), value(depth: depth) else { return false }
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}"))
    }

    private mutating func elements(depth: Int) -> Bool {
        index += 1
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return true }
        repeat {
            guard value(depth: depth) else { return false }
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]"))
    }

    private mutating func string() -> Bool {
        guard consume(UInt8(ascii: "\"")) else { return false }
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return true
            case UInt8(ascii: "\\"):
                index += 1
                if consume(UInt8(ascii: "u")) {
                    for _ in 0..<4 {
                        guard let digit = current, Character(Unicode.Scalar(digit)).isHexDigit else { return false }
                        index += 1
                    }
                } else {
                    guard let escaped = current, Array("\"\\/bfnrt".utf8).contains(escaped) else { return false }
                    index += 1
                }
            case 0..<0x20:
                return false
            default:
                index += 1
            }
        }
        return false
    }

    private mutating func literal(_ word: String) -> Bool {
        for byte in word.utf8 {
            guard consume(byte) else { return false }
        }
        return true
    }

    private mutating func number() -> Bool {
        _ = consume(UInt8(ascii: "-"))
        if !consume(UInt8(ascii: "0")) {
            guard digits() else { return false }
        }
        if consume(UInt8(ascii: ".")) {
            guard digits() else { return false }
        }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            guard digits() else { return false }
        }
        return true
    }

    /// One or more decimal digits.
    private mutating func digits() -> Bool {
        let start = index
        while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
        return index > start
    }
}
