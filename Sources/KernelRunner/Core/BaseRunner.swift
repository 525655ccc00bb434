public import KernelProtocol
public import ProcessSupervision

/// A language runner: what `build *`, `exec *`, `clean *` and `code` mean for one language.
///
/// The daemon owns everything else (queueing, the Makefile rule, the failed-build rule, skipped
/// steps, terminal frames, interrupts, input). A runner only spawns toolchains through the
/// ``RunContext`` it is given and returns the step's ``StepOutcome``. Every requirement has a
/// default, so a new language is a small type that overrides what differs.
public protocol BaseRunner: Sendable {
    /// The prefix of user-facing diagnostics, e.g. `c-kernel`.
    var logPrefix: String { get }
    /// How `exec` and `code` runs connect their standard descriptors. By default
    /// (``StandardIO/pseudoTerminal``) stdin and stdout are one terminal: C stdio buffers a pipe
    /// fully, so a prompt printed without a newline would not show before the program reads.
    /// Runtimes that flush their prompts themselves use ``StandardIO/terminalInput``: stdin stays
    /// the terminal (input requests, password prompts), stdout and stderr are much faster pipes.
    var interactiveStandardIO: StandardIO { get }
    /// Variables for the programs of batch (`exec`) runs, unless the image or `environ.txt`
    /// already sets them.
    var batchEnvironment: [String: String] { get }
    /// Words offered by the completion fallback besides the identifiers of the code sent.
    var completionKeywords: [String] { get }

    /// Adjusts the environment shared by all runs of this language (PATH entries, tool vars).
    func prepareEnvironment(_ environment: inout ChildEnvironment)
    /// `build *` when there is no `./Makefile`.
    func build(_ context: RunContext) async -> StepOutcome
    /// `exec *`.
    func execute(_ context: RunContext) async -> StepOutcome
    /// `clean *`.
    func clean(_ context: RunContext) async -> StepOutcome
    /// `code`: run a snippet in query mode.
    func query(_ code: String, _ context: RunContext) async -> StepOutcome
    /// Completion candidates for `complete`; must answer quickly.
    func complete(_ request: CompletionRequest) async -> [String]
    /// A fragment of the Jupyter kernelspec name whose kernel serves query mode (`python`, `ir`,
    /// `julia`) when it is installed; "" for any kernelspec, nil for none.
    var jupyterKernelName: String? { get }
    /// The persistent interpreter behind `code` (state survives between runs), created once per
    /// daemon; nil keeps query mode with ``query(_:_:)``.
    func makeQuerySession(_ settings: QuerySessionSettings) -> (any QuerySession)?
}

extension BaseRunner {
    public var interactiveStandardIO: StandardIO { .pseudoTerminal }
    public var batchEnvironment: [String: String] { [:] }
    public var completionKeywords: [String] { [] }

    public func prepareEnvironment(_ environment: inout ChildEnvironment) {}

    public func build(_ context: RunContext) async -> StepOutcome {
        context.log("no build step for this language")
        return .success
    }

    public func execute(_ context: RunContext) async -> StepOutcome {
        context.diagnostic("this language has no default exec step; send a command instead of \"*\"")
        return .notFound
    }

    public func clean(_ context: RunContext) async -> StepOutcome {
        .success
    }

    public func query(_ code: String, _ context: RunContext) async -> StepOutcome {
        context.diagnostic("query mode is not supported by this runner")
        return .notFound
    }

    public func complete(_ request: CompletionRequest) async -> [String] {
        KeywordCompleter(keywords: completionKeywords).suggestions(for: request)
    }
}
