import KernelProtocol
import KernelRunnerCore

/// Maps a Jupyter MIME bundle (`display_data`, `execute_result`) to the frame the agent gets.
enum MimeBundle {
    /// Rich types we can show, best first; `text/plain` is the fallback.
    static let richTypes = ["image/png", "image/jpeg", "image/svg+xml", "text/html"]

    /// A `media` frame (always a JSON envelope, HTML included) for the best rich entry, else
    /// the `text/plain` entry on stdout without an added newline, else nothing (markdown, LaTeX,
    /// JavaScript are not shown).
    static func message(for bundle: JSONValue) -> OutboundMessage? {
        for type in richTypes {
            guard let data = text(bundle[type]) else { continue }
            switch type {
            case "image/png", "image/jpeg":
                // Kernels send base64, sometimes wrapped in lines.
                let base64 = String(data.unicodeScalars.filter { !$0.properties.isWhitespace })
                return .media(Media(type: type, data: "data:\(type);base64,\(base64)"))
            default:
                return .media(Media(type: type, data: data))
            }
        }
        return text(bundle["text/plain"]).map { .stdout(Array($0.utf8)) }
    }

    /// A string entry, or a list of lines (as in notebooks) joined.
    private static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text): text
        case .array(let lines): lines.compactMap(\.string).joined()
        default: nil
        }
    }
}
