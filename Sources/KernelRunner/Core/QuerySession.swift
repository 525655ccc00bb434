public import KernelProtocol

/// A persistent interpreter behind query mode: variables defined by one `code` run exist in the
/// next. Created once per daemon by ``BaseRunner/makeQuerySession(_:)``; the interpreter itself
/// starts only when first needed.
public protocol QuerySession: Sendable {
    /// Runs one snippet: success, ``StepOutcome/failed`` after an exception or an interrupt,
    /// `.exited(n)` for `sys.exit(n)`, ``StepOutcome/notFound`` when no interpreter could be
    /// started, or how the interpreter ended when it died.
    func execute(_ code: String, _ context: RunContext) async -> StepOutcome
    /// Candidates from the live interpreter, or nil when it cannot answer quickly (e.g. it is not
    /// started yet).
    func complete(_ request: CompletionRequest) async -> [String]?
    /// Stops the interpreter (daemon shutdown).
    func shutdown() async
}
