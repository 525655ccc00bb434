package import KernelProtocol
package import KernelRunnerCore
package import ProcessSupervision

/// One running persistent interpreter (the built-in Python driver, a Jupyter kernel) as
/// ``PersistentSession`` drives it.
package protocol InterpreterBackend: AnyObject, Sendable {
    /// Names the interpreter in diagnostics users read, e.g. `the Python session`.
    var name: String { get }
    /// False once the interpreter died or was shut down.
    var isAlive: Bool { get }
    /// Runs a snippet for `context`; nil when the interpreter died meanwhile.
    func execute(_ code: String, _ context: RunContext) async -> StepOutcome?
    /// Candidates from the live interpreter, or nil when it cannot answer now.
    func complete(_ request: CompletionRequest) async -> [String]?
    /// Interrupts the running snippet (a KeyboardInterrupt in Python); state is kept.
    func interrupt()
    /// Kills the interpreter at once (an interrupt that did not work).
    func kill()
    /// How the interpreter ended, or nil if it did not end within `timeout`.
    func exitStatus(within timeout: Duration) async -> TerminationStatus?
    /// Stops the interpreter: politely, then by force.
    func shutdown() async
}
