/// A problem with a configuration file or flag, reported at start.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// A file the daemon reads at start does not parse or check out.
        case invalidFile
        /// The runtime type is not in the registry.
        case unknownLanguage
        /// A file the daemon writes at start (the ready file) cannot be written.
        case unwritableFile
        /// `--require-sandbox` was given and this kernel cannot enforce the whole policy.
        case sandboxUnavailable
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
