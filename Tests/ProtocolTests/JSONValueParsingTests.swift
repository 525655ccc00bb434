import FoundationEssentials
import KernelProtocol
import Testing

/// `JSONValue(parsing:)` reads what `JSONDecoder` reads, rejects what RFC 8259 rejects, and
/// `jsonBytes` writes what it reads back.
@Suite("JSON values: parsing and compact text")
struct JSONValueParsingTests {
    static let valid = [
        "null", "true", "false", "0", "-0", "12", "-7", "1.5", "-0.25", "1e3", "2E-2", "6.02e+23",
        "123456789012345", "1234567890123456789", "0.1", #""""#, #""plain""#,
        #""esc \" \\ \/ \b \f \n \r \t""#, #""\u00e9\u4e2d\ud83d\ude00""#, "\"raw é 中 😀\"",
        "[]", "{}", "[1, [2, [3]], {\"a\": null}]", " \n\t{ \"b\" : [ true , false ] , \"a\":\"x\" } \r\n",
        #"{"header": {"msg_id": "1", "date": "2026-12-05T10:00:00.000000Z"}, "content": {"status": "ok", "execution_count": 3, "user_expressions": {}, "payload": []}}"#,
    ]

    @Test(arguments: valid)
    func readsWhatJSONDecoderReads(_ text: String) throws {
        let parsed = try JSONValue(parsing: Array(text.utf8))
        let decoded = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(parsed == decoded)
    }

    @Test(arguments: valid)
    func compactTextReadsBackTheSame(_ text: String) throws {
        let value = try JSONValue(parsing: Array(text.utf8))
        #expect(try JSONValue(parsing: value.jsonBytes) == value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(value.jsonBytes)) == value)
    }

    @Test(arguments: [
        ("", JSONParseError.Code.unexpectedEnd), ("{", .unexpectedEnd), ("[1,]", .unexpectedByte),
        (#"{"a":1,}"#, .unexpectedByte), (#"{"a" 1}"#, .unexpectedByte), ("{a:1}", .unexpectedByte),
        ("01", .trailingBytes), ("1.", .invalidNumber), ("-", .invalidNumber), ("1e", .invalidNumber),
        ("1 .5", .trailingBytes), (".5", .unexpectedByte), ("+1", .unexpectedByte), ("tru", .unexpectedEnd),
        ("nul", .unexpectedEnd), ("truth", .unexpectedByte), ("[1] x", .trailingBytes), (#""\x""#, .invalidString),
        ("\"a\nb\"", .invalidString), (#""\u12""#, .invalidString), (#""open"#, .unexpectedEnd), ("[1 2]", .unexpectedByte),
    ])
    func rejectsWhatTheGrammarRejects(_ text: String, _ code: JSONParseError.Code) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: Array(text.utf8)) }
        do {
            _ = try JSONValue(parsing: Array(text.utf8))
        } catch {
            #expect(error.code == code, "\(text): \(error)")
        }
    }

    @Test func rejectsInvalidUTF8InStrings() {
        #expect(throws: JSONParseError(.invalidString, at: 1)) { try JSONValue(parsing: [0x22, 0xFF, 0x22]) }
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: [0x22, 0x5C, 0x6E, 0xC3, 0x22]) }
    }

    @Test func loneSurrogatesBecomeReplacementCharacters() throws {
        #expect(try JSONValue(parsing: Array(#""a\ud800b""#.utf8)) == .string("a\u{FFFD}b"))
        #expect(try JSONValue(parsing: Array(#""\udc00""#.utf8)) == .string("\u{FFFD}"))
        #expect(try JSONValue(parsing: Array(#""\ud800\u0041""#.utf8)) == .string("\u{FFFD}A"))
    }

    /// A Jupyter `stream` message of a program's output: a long string with an escape per line
    /// (appending to the unescaped text once copied all of it per escape: a 4 MiB message hung).
    @Test(.timeLimit(.minutes(1))) func longStringsWithManyEscapes() throws {
        let line = String(repeating: "x", count: 63)
        let text = "\"" + String(repeating: line + "\\n", count: 65_536) + "\""
        let expected = String(repeating: line + "\n", count: 65_536)
        #expect(try JSONValue(parsing: Array(text.utf8)) == .string(expected))
    }

    @Test func duplicateKeysKeepTheLastValue() throws {
        #expect(try JSONValue(parsing: Array(#"{"a": 1, "a": 2}"#.utf8)) == .object(["a": .number(2)]))
    }

    @Test func nestingIsBounded() throws {
        let depth = JSONValue.maximumDepth
        let deepest = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: Never.self) { try JSONValue(parsing: Array(deepest.utf8)) }
        let tooDeep = String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1)
        #expect(throws: JSONParseError(.tooDeep, at: depth)) { try JSONValue(parsing: Array(tooDeep.utf8)) }
        // A hostile message far deeper than the stack allows fails the same way.
        let hostile = Array(String(repeating: #"{"a":"#, count: 100_000).utf8)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: hostile) }
    }

    @Test func compactTextIsSortedAndKeepsIntegersIntegral() {
        let value: JSONValue = .object([
            "b": .array([.number(5), .number(-2.5), .number(1e300), .number(.infinity), .bool(true), .null]),
            "a": .string("tab\t/quote\"é\u{1}"),
        ])
        let text = String(decoding: value.jsonBytes, as: UTF8.self)
        #expect(text == #"{"a":"tab\t/quote\"é\u0001","b":[5,-2.5,1e+300,null,true,null]}"#)
    }
}
