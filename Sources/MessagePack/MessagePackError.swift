/// Input that ``MessagePackValue/decode(_:)`` could not turn into exactly one value.
public struct MessagePackError: Error, Sendable, Hashable {
    /// Why decoding failed.
    public enum Code: Sendable, Hashable {
        /// The input ends in the middle of a value (or is empty).
        case truncated
        /// The input is not valid MessagePack.
        case malformed
        /// A complete value is followed by more bytes.
        case trailingBytes
        /// msgpack-c ran out of memory (a huge declared container length) or of parser stack
        /// (containers nested more than 32 deep).
        case limitExceeded
    }

    /// Why decoding failed.
    public let code: Code
    /// The input's length in bytes, for context in logs.
    public let inputLength: Int

    /// Creates an error.
    public init(code: Code, inputLength: Int) {
        self.code = code
        self.inputLength = inputLength
    }
}

extension MessagePackError: CustomStringConvertible {
    /// The reason followed by the input length.
    public var description: String {
        "cannot decode MessagePack (\(code)) from \(inputLength) bytes"
    }
}
