/// The payload of `complete`: `{"code": str, ...}` plus the client's cursor options.
public struct CompletionRequest: Sendable, Equatable, Codable {
    /// The code (or fragment) to complete.
    public var code: String
    /// The line holding the cursor, when the client sends it.
    public var line: String?
    /// Cursor row and column, when the client sends them.
    public var row: Int?
    public var col: Int?
    /// Text after the cursor, when the client sends it.
    public var post: String?

    /// Creates a request.
    public init(code: String, line: String? = nil, row: Int? = nil, col: Int? = nil, post: String? = nil) {
        self.code = code
        self.line = line
        self.row = row
        self.col = col
        self.post = post
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decodeIfPresent(String.self, forKey: .code) ?? ""
        line = try? container.decodeIfPresent(String.self, forKey: .line)
        row = try? container.decodeIfPresent(Int.self, forKey: .row)
        col = try? container.decodeIfPresent(Int.self, forKey: .col)
        post = try? container.decodeIfPresent(String.self, forKey: .post)
    }

    /// The text before the cursor: the client's `line` when given, else the whole code.
    public var textBeforeCursor: String {
        guard let line else { return code }
        guard let col, col >= 0, col <= line.count else { return line }
        return String(line.prefix(col))
    }
}
