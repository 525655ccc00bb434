/// Why a service definition (a `service-defs/*.json` file or a model request's start
/// description) cannot be used.
public struct ServiceDefinitionError: Error, Equatable, CustomStringConvertible {
    /// The kind of problem.
    public enum Code: Sendable, Equatable {
        /// The file cannot be read.
        case unreadable
        /// The file is not a JSON object.
        case malformedJSON
        /// A key has a value of the wrong type or an unknown key where strictness matters.
        case invalidField
        /// Neither `command` nor `noop` is given.
        case missingCommand
        /// A prestart step names an action that does not exist.
        case unknownAction
    }

    /// The kind of problem.
    public let code: Code
    /// Where: a file name or a field path such as `prestart[1].args`.
    public let source: String
    /// What is wrong.
    public let detail: String
    /// The underlying `errno` for ``Code/unreadable``.
    public let errno: Int32?

    /// Creates an error.
    public init(_ code: Code, source: String, detail: String, errno: Int32? = nil) {
        self.code = code
        self.source = source
        self.detail = detail
        self.errno = errno
    }

    public var description: String { "\(source): \(detail)" }
}
