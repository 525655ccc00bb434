extension JSONValue {
    /// How deeply arrays and objects may nest in a parsed text: the parser recurses per level.
    public static let maximumDepth = 512

    /// Parses one JSON text (RFC 8259): a value with optional whitespace around it. Duplicate
    /// keys keep the last value; a lone surrogate escape becomes U+FFFD.
    ///
    /// Written here on purpose: decoding this enum through `JSONDecoder` tries each case in turn
    /// and throws for every miss (about 60 µs per Jupyter message, five per `code` run), and
    /// FoundationEssentials has no `JSONSerialization`.
    public init(parsing bytes: [UInt8]) throws(JSONParseError) {
        self = try bytes.withUnsafeBufferPointer { buffer throws(JSONParseError) in
            var parser = JSONParser(bytes: buffer)
            return try parser.document()
        }
    }
}

/// A recursive-descent reader of one JSON text.
private struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func document() throws(JSONParseError) -> JSONValue {
        let value = try value(depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw JSONParseError(.trailingBytes, at: index) }
        return value
    }

    private var next: UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    private mutating func skipWhitespace() {
        while let byte = next, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            index += 1
        }
    }

    private func failure() -> JSONParseError {
        JSONParseError(index < bytes.count ? .unexpectedByte : .unexpectedEnd, at: index)
    }

    private mutating func expect(_ byte: UInt8) throws(JSONParseError) {
        skipWhitespace()
        guard next == byte else { throw failure() }
        index += 1
    }

    /// Consumes `byte` after optional whitespace if it comes next.
    private mutating func take(_ byte: UInt8) -> Bool {
        skipWhitespace()
        return skip(byte)
    }

    /// Consumes `byte` if it comes next (inside a token: no whitespace).
    private mutating func skip(_ byte: UInt8) -> Bool {
        guard next == byte else { return false }
        index += 1
        return true
    }

    private mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard let byte = next else { throw failure() }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure()
        }
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) throws(JSONParseError) -> JSONValue {
        for byte in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
            guard next == byte else { throw failure() }
            index += 1
        }
        return value
    }

    private mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= JSONValue.maximumDepth else { throw JSONParseError(.tooDeep, at: index) }
        index += 1
        var members: [String: JSONValue] = [:]
        if take(UInt8(ascii: "}")) { return .object(members) }
        repeat {
            skipWhitespace()
            guard next == UInt8(ascii: "\"") else { throw failure() }
            let key = try string()
            try expect(UInt8(ascii: ":"))
            members[key] = try value(depth: depth)
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
        return .object(members)
    }

    private mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= JSONValue.maximumDepth else { throw JSONParseError(.tooDeep, at: index) }
        index += 1
        var elements: [JSONValue] = []
        if take(UInt8(ascii: "]")) { return .array(elements) }
        repeat {
            elements.append(try value(depth: depth))
        } while take(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
        return .array(elements)
    }

    /// A string literal, from its opening quote: its text is validated as UTF-8 once, and not
    /// at all when every byte is ASCII.
    private mutating func string() throws(JSONParseError) -> String {
        index += 1
        var start = index
        var escaped: [UInt8]?
        var isASCII = true
        while let byte = next {
            switch byte {
            case UInt8(ascii: "\""):
                let run = bytes[start..<index]
                index += 1
                if let escaped {
                    return try Self.text(escaped + run, isASCII: isASCII, at: start)
                }
                return try Self.text(run, isASCII: isASCII, at: start)
            case UInt8(ascii: "\\"):
                // Taken out of the optional, so appending never copies what came before.
                var prefix = escaped.take() ?? []
                prefix.append(contentsOf: bytes[start..<index])
                index += 1
                try unescape(into: &prefix)
                escaped = prefix
                start = index
            case 0..<0x20:
                throw JSONParseError(.invalidString, at: index)
            default:
                isASCII = isASCII && byte < 0x80
                index += 1
            }
        }
        throw JSONParseError(.unexpectedEnd, at: index)
    }

    private static func text(_ utf8: some Collection<UInt8>, isASCII: Bool, at offset: Int) throws(JSONParseError) -> String {
        if isASCII {
            return String(decoding: utf8, as: UTF8.self)
        }
        guard let text = String(validating: utf8, as: UTF8.self) else { throw JSONParseError(.invalidString, at: offset) }
        return text
    }

    /// The escape after a backslash, appended as UTF-8.
    private mutating func unescape(into utf8: inout [UInt8]) throws(JSONParseError) {
        guard let byte = next else { throw failure() }
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(byte)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            UTF8.encode(try unicodeEscape()) { utf8.append($0) }
        default:
            throw JSONParseError(.invalidString, at: index - 1)
        }
    }

    /// The scalar of `\uXXXX` (its `\u` consumed), joining a surrogate pair.
    private mutating func unicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
        let unit = try hexUnit()
        guard (0xD800..<0xDC00).contains(unit) else {
            return Unicode.Scalar(unit) ?? "\u{FFFD}"
        }
        let mark = index
        if skip(UInt8(ascii: "\\")), next == UInt8(ascii: "u") {
            index += 1
            let low = try hexUnit()
            if (0xDC00..<0xE000).contains(low) {
                return Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)) ?? "\u{FFFD}"
            }
        }
        index = mark
        return "\u{FFFD}"
    }

    private mutating func hexUnit() throws(JSONParseError) -> UInt16 {
        var unit: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = next, let digit = Self.hexDigit(byte) else { throw JSONParseError(.invalidString, at: index) }
            unit = unit << 4 | UInt16(digit)
            index += 1
        }
        return unit
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// A number: integers of up to 15 digits are summed directly, others read by `Double`.
    private mutating func number() throws(JSONParseError) -> Double {
        let start = index
        let isNegative = skip(UInt8(ascii: "-"))
        let integerStart = index
        guard let first = next, Self.isDigit(first) else { throw JSONParseError(.invalidNumber, at: index) }
        var integer: Int64 = 0
        if first == UInt8(ascii: "0") {
            index += 1
        } else {
            while let byte = next, Self.isDigit(byte) {
                integer = integer &* 10 &+ Int64(byte - UInt8(ascii: "0"))
                index += 1
            }
        }
        var isInteger = index - integerStart <= 15
        if skip(UInt8(ascii: ".")) {
            try digits()
            isInteger = false
        }
        if let byte = next, byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            index += 1
            if let sign = next, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                index += 1
            }
            try digits()
            isInteger = false
        }
        if isInteger {
            return isNegative ? -Double(integer) : Double(integer)
        }
        guard let value = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
            throw JSONParseError(.invalidNumber, at: start)
        }
        return value
    }

    /// One or more digits.
    private mutating func digits() throws(JSONParseError) {
        guard let first = next, Self.isDigit(first) else { throw JSONParseError(.invalidNumber, at: index) }
        while let byte = next, Self.isDigit(byte) {
            index += 1
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
