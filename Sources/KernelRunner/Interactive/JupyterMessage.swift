import FoundationEssentials
import Glibc
import KernelProtocol

/// One message of the Jupyter messaging protocol (v5).
struct JupyterMessage: Sendable {
    /// The protocol version we speak.
    static let protocolVersion = "5.3"
    /// The frame that separates routing identities from the signed message.
    static let delimiter = Array("<IDS|MSG>".utf8)

    var header: JSONValue
    var parentHeader: JSONValue
    var metadata: JSONValue
    var content: JSONValue

    /// `msg_type`, e.g. `execute_request`.
    var type: String { header["msg_type"]?.string ?? "" }
    /// `msg_id`.
    var id: String { header["msg_id"]?.string ?? "" }
    /// The `msg_id` of the request this message answers or belongs to.
    var parentID: String? { parentHeader["msg_id"]?.string }

    /// A new message of `session`, optionally answering `parent` (an input reply answers the
    /// kernel's input request).
    init(_ type: String, session: String, content: [String: JSONValue], parent: JSONValue = .object([:])) {
        header = .object([
            "msg_id": .string(UUID().uuidString.lowercased()),
            "session": .string(session),
            "username": .string("kernel-runner"),
            "date": .string(Date.now.ISO8601Format()),
            "msg_type": .string(type),
            "version": .string(Self.protocolVersion),
        ])
        parentHeader = parent
        metadata = .object([:])
        self.content = .object(content)
    }

    /// The multipart message: delimiter, signature, then the four signed JSON parts.
    func frames(signedWith signer: HMACSHA256) -> [[UInt8]] {
        let parts = [header, parentHeader, metadata, content].map(\.jsonBytes)
        return [Self.delimiter, Array(signer.hexSignature(for: parts).utf8)] + parts
    }

    /// Parses a received multipart message, checking its signature.
    init(frames: [[UInt8]], verifiedWith signer: HMACSHA256) throws(InteractiveError) {
        guard let delimiter = frames.firstIndex(of: Self.delimiter), frames.count >= delimiter + 6 else {
            throw InteractiveError(.protocolViolation, "a Jupyter message without the <IDS|MSG> delimiter or its parts")
        }
        let parts = Array(frames[delimiter + 2..<delimiter + 6])
        guard signer.isValid(signature: frames[delimiter + 1], for: parts) else {
            throw InteractiveError(.protocolViolation, "a Jupyter message with a bad signature")
        }
        do throws(JSONParseError) {
            let decoded = try parts.map { part throws(JSONParseError) in try JSONValue(parsing: part) }
            (header, parentHeader, metadata, content) = (decoded[0], decoded[1], decoded[2], decoded[3])
        } catch {
            throw InteractiveError(.protocolViolation, "a Jupyter message with malformed JSON: \(error)")
        }
    }

    /// `text` as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        String(decoding: JSONValue.string(text).jsonBytes, as: UTF8.self)
    }
}
