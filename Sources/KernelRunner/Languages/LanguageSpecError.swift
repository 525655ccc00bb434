/// Why a ``LanguageSpec`` cannot be used.
public struct LanguageSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// A name or alias is empty or has characters other than letters, digits and `._+-`.
        case invalidName
        /// A required value is empty.
        case emptyValue
        /// A command uses a `{placeholder}` that does not exist where it is used.
        case unknownPlaceholder
        /// A path must stay inside its directory (the work dir or the scratch directory).
        case invalidPath
        /// Two spec files define the same language.
        case duplicate
        /// `session` names no built-in session driver.
        case unknownSession
    }

    public let code: Code
    /// Where in the spec, e.g. `exec[1].run`.
    public let field: String
    public let detail: String

    /// Creates an error about `field`.
    public init(_ code: Code, field: String, _ detail: String) {
        self.code = code
        self.field = field
        self.detail = detail
    }

    public var description: String { field.isEmpty ? detail : "\(field): \(detail)" }
}
