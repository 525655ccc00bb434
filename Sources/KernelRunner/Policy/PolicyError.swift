/// Why a jail policy file was rejected.
///
/// The daemon refuses to start with a policy it cannot fully understand: a typo in a key or a
/// wrong type would otherwise silently weaken the sandbox.
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public enum Code: Sendable, Equatable {
        /// The file cannot be read, or is not UTF-8.
        case unreadable
        /// The text is not YAML (syntax error, duplicated key).
        case malformed
        /// A key the schema does not have.
        case unknownKey
        /// A key holds the wrong YAML type (e.g. a string where an integer belongs), or the
        /// document is not a mapping.
        case wrongType
        /// The type is right but the value is unusable (e.g. a negative limit, an `extra_envs`
        /// entry without `=`, `ptrace` among the allowed syscalls).
        case invalidValue
    }

    /// The kind of failure.
    public let code: Code
    /// The policy file (or the name given for inline text).
    public let source: String
    /// Where in the document, e.g. `max_child_procs` or `whitelist_paths.OP_EXEC[1]`; `nil` for
    /// the file as a whole.
    public let key: String?
    /// The 1-based line of the offending value, when known.
    public let line: Int?
    /// What is wrong, for a person.
    public let detail: String

    /// Creates an error.
    public init(_ code: Code, source: String, key: String? = nil, line: Int? = nil, detail: String) {
        self.code = code
        self.source = source
        self.key = key
        self.line = line
        self.detail = detail
    }

    /// `FILE[:LINE]: [KEY: ]DETAIL`, the form compilers use, so editors can jump to it.
    public var description: String {
        let location = line.map { "\(source):\($0)" } ?? source
        let subject = key.map { "\($0): " } ?? ""
        return "invalid jail policy \(location): \(subject)\(detail)"
    }
}
