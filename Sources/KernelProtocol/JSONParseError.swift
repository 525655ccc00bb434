/// Why a JSON text did not parse, and at which byte.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// The text ended inside a value.
        case unexpectedEnd
        /// A byte that no JSON value can start or continue with here.
        case unexpectedByte
        /// A number outside JSON's grammar (`01`, `1.`, `-`, `1e`).
        case invalidNumber
        /// A string with an unknown escape, a raw control character or invalid UTF-8.
        case invalidString
        /// Arrays and objects nested deeper than ``JSONValue/maximumDepth``.
        case tooDeep
        /// Bytes after the value.
        case trailingBytes
    }

    public let code: Code
    /// The offset of the byte where parsing stopped.
    public let offset: Int

    public init(_ code: Code, at offset: Int) {
        self.code = code
        self.offset = offset
    }

    public var description: String {
        let what =
            switch code {
            case .unexpectedEnd: "the text ends inside a value"
            case .unexpectedByte: "unexpected byte"
            case .invalidNumber: "invalid number"
            case .invalidString: "invalid string"
            case .tooDeep: "nested deeper than \(JSONValue.maximumDepth) levels"
            case .trailingBytes: "bytes after the value"
            }
        return "invalid JSON at byte \(offset): \(what)"
    }
}
