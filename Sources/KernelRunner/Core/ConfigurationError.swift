/// A problem with a configuration file or flag, reported at start.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        case invalidFile
        case unknownLanguage
        case invalidValue
    }

    public let code: Code
    /// The file or flag concerned.
    public let path: String
    public let detail: String

    public init(_ code: Code, path: String, detail: String) {
        self.code = code
        self.path = path
        self.detail = detail
    }

    public var description: String { "\(path): \(detail)" }
}
