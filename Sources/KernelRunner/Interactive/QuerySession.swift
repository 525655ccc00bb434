public import KernelProtocol

/// A persistent interpreter behind query mode: variables defined by one `code` run exist in the
/// next. Created once per daemon by ``BaseRunner/makeQuerySession(_:)``; the interpreter itself
/// starts only when first needed.
public protocol QuerySession: Sendable {
    /// Runs one snippet; returns the exit code: 0, 1 after an exception or an interrupt, the
    /// code of `sys.exit(n)`, 127 when no interpreter could be started.
    func execute(_ code: String, _ context: RunContext) async -> Int
    /// Candidates from the live interpreter, or nil when it cannot answer quickly (e.g. it is not
    /// started yet).
    func complete(_ request: CompletionRequest) async -> [String]?
    /// Stops the interpreter (daemon shutdown).
    func shutdown() async
}
