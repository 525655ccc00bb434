/// One step run before a service's command (`prestart` / `prestart_actions` in a definition,
/// `pre_start_actions` in a model request).
public struct PrestartAction: Sendable, Equatable {
    /// What the step does. Paths and text are templates.
    public enum Operation: Sendable, Equatable {
        /// Writes `body`, one line each (a newline is added), then sets the permission bits.
        case writeFile(filename: String, body: [String], mode: Int, append: Bool)
        /// Writes `body` as given (no newlines added) to a new `*.py` temporary file; the
        /// result is its path.
        case writeTemporaryFile(body: [String], mode: Int)
        /// Creates a directory and its parents.
        case makeDirectory(path: String)
        /// Runs a program (no shell); the result is `{"out": …, "err": …}`. With `echo` its
        /// output also goes to the daemon's log.
        case runCommand(command: [String], echo: Bool)
        /// Writes a line to the daemon's log.
        case log(message: String, debug: Bool)
    }

    /// What the step does.
    public var operation: Operation
    /// The template variable that receives the step's result.
    public var ref: String?

    /// Creates a step.
    public init(_ operation: Operation, ref: String? = nil) {
        self.operation = operation
        self.ref = ref
    }
}
