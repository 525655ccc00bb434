/// A YAML text that does not compose into one document.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public enum Code: Sendable, Hashable {
        /// libyaml rejected the text (bad indentation, an unclosed bracket, a stray `*`, …).
        case syntax
        /// An alias names no anchor defined before it.
        case undefinedAlias
        /// A mapping has the same key twice.
        case duplicateKey
        /// The stream holds more than one document.
        case multipleDocuments
        /// libyaml could not allocate its state.
        case outOfMemory
    }

    /// What is wrong.
    public let code: Code
    /// The 1-based line of the problem, when known.
    public let line: Int?
    /// The 1-based column of the problem, when known.
    public let column: Int?
    /// libyaml's or our description of the problem.
    public let problem: String

    /// Creates an error.
    public init(_ code: Code, line: Int? = nil, column: Int? = nil, problem: String) {
        self.code = code
        self.line = line
        self.column = column
        self.problem = problem
    }

    /// `line 3, column 7: <problem>`.
    public var description: String {
        guard let line else { return problem }
        return "line \(line)\(column.map { ", column \($0)" } ?? ""): \(problem)"
    }
}
