import FoundationEssentials
import Glibc

/// The built-in Python driver's framing: a 4-byte big-endian length, then a JSON object.
enum DriverFrame {
    /// A request to the driver.
    enum Request: Encodable {
        /// Snippets are numbered so that an interrupt names the one it is meant for.
        case execute(id: Int, code: String)
        case interrupt(id: Int)
        case complete(id: Int, text: String)

        private enum CodingKeys: String, CodingKey {
            case op, code, id, text
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .execute(let id, let code):
                try container.encode("execute", forKey: .op)
                try container.encode(id, forKey: .id)
                try container.encode(code, forKey: .code)
            case .interrupt(let id):
                try container.encode("interrupt", forKey: .op)
                try container.encode(id, forKey: .id)
            case .complete(let id, let text):
                try container.encode("complete", forKey: .op)
                try container.encode(id, forKey: .id)
                try container.encode(text, forKey: .text)
            }
        }
    }

    /// An event from the driver; which fields are set depends on `op`.
    struct Event: Decodable {
        /// `ready`, `media`, `done` or `completion`.
        var op: String
        /// `done`: the snippet's exit code.
        var exit: Int?
        /// `media`, `done`: markers written so far on stdout and stderr (see ``OutputMarkers``).
        var marks: [Int]?
        /// `media`: the MIME type and the data (a data URL for binary images).
        var type: String?
        var data: String?
        /// `completion`: the request's id and the candidates.
        var id: Int?
        var matches: [String]?
    }

    /// The frame bytes of `request`.
    static func encode(_ request: Request) -> [UInt8] {
        // Encoding strings and integers cannot fail.
        let payload = (try? JSONEncoder().encode(request)).map(Array.init) ?? []
        let length = UInt32(payload.count)
        return (0..<4).reversed().map { UInt8(truncatingIfNeeded: length >> (UInt32($0) * 8)) } + payload
    }

    /// Splits received bytes into frames.
    struct Decoder {
        private var buffer: [UInt8] = []

        mutating func append(_ bytes: [UInt8]) {
            buffer += bytes
        }

        /// The next complete event, nil when more bytes are needed.
        mutating func next() throws(InteractiveError) -> Event? {
            guard buffer.count >= 4 else { return nil }
            let length = buffer.prefix(4).reduce(0) { $0 << 8 | Int($1) }
            guard buffer.count >= 4 + length else { return nil }
            let payload = Data(buffer[4..<4 + length])
            buffer.removeFirst(4 + length)
            do {
                return try JSONDecoder().decode(Event.self, from: payload)
            } catch {
                throw InteractiveError(.protocolViolation, "the Python driver sent a malformed event: \(error)")
            }
        }
    }
}
