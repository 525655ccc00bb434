/// One line a session driver writes on its `events` FIFO (see ``SessionDriver``).
package enum SessionEvent: Sendable, Equatable {
    /// The driver is set up and waits for cells.
    case ready
    /// Cell `id` ended with `exit`, after writing `marks` markers on stdout and stderr so far.
    case done(id: Int, exit: Int, marks: [Int])
    /// The candidates for completion request `id`.
    case completion(id: Int, matches: [String])

    /// Parses one line (without its newline); nil for a malformed one.
    package init?(line: Substring) {
        let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        switch fields.first {
        case "ready" where fields.count == 1:
            self = .ready
        case "done":
            let numbers = line.split(separator: " ").dropFirst().compactMap { Int($0) }
            guard numbers.count == 4, line.split(separator: " ").count == 5 else { return nil }
            self = .done(id: numbers[0], exit: numbers[1], marks: [numbers[2], numbers[3]])
        case "completion" where fields.count >= 2:
            guard let id = Int(fields[1]) else { return nil }
            let matches = fields.count == 3 ? fields[2].split(separator: "\t").map(String.init) : []
            self = .completion(id: id, matches: matches)
        default:
            return nil
        }
    }

    /// Splits received bytes into event lines.
    package struct Decoder {
        private var buffer: [UInt8] = []

        package init() {}

        package mutating func append(_ bytes: some Collection<UInt8>) {
            buffer += bytes
        }

        /// The next complete line, decoded; nil when more bytes are needed. A malformed line is
        /// returned as `.failure` with its text, so the caller can log it and go on.
        package mutating func next() -> Result<SessionEvent, MalformedLine>? {
            guard let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            let text = String(decoding: buffer[..<newline], as: UTF8.self)
            buffer.removeSubrange(...newline)
            return SessionEvent(line: text[...]).map(Result.success) ?? .failure(MalformedLine(text: text))
        }
    }

    /// A line that is not an event.
    package struct MalformedLine: Error, Equatable {
        package var text: String
    }
}
