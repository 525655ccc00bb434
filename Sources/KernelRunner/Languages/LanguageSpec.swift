/// A language described as data: what to run for query mode and for `build *`, `exec *` and
/// `clean *`, for the common "write a file, run a command" shape.
///
/// Image authors drop one JSON file per language into `/etc/kernel-runner/languages/`
/// (`--language-specs`); the daemon loads them at start (see
/// ``LanguageRegistry/addingSpecs(from:)``). Several built-in languages are specs too.
///
/// Commands are argv arrays (no shell) with placeholders: `{runtime}` (the runtime path),
/// and in query mode `{file}` (the snippet file) and `{scratch}` (its private scratch directory).
public struct LanguageSpec: Sendable, Equatable {
    /// The runtime-type key, e.g. `lua`.
    public var name: String
    /// Other keys accepted for it.
    public var aliases: [String]
    /// The prefix of user-facing diagnostics; `<name>-kernel` by default.
    public var logPrefix: String
    /// The toolchain used when the image gives no runtime path.
    public var defaultRuntimePath: String
    /// Query mode; `nil` answers every `code` with a diagnostic and ``StepOutcome/notFound``.
    public var query: Query?
    /// `build *` (after the daemon's Makefile rule). No rules: nothing to build, exit 0.
    public var build: [Rule]
    /// `exec *`. No rules: the default diagnostic and ``StepOutcome/notFound``.
    public var exec: [Rule]
    /// `clean *`. No rules: nothing to clean, exit 0.
    public var clean: [Rule]
    /// Words offered by the completion fallback.
    public var keywords: [String]
    /// Variables set for every run of the language, unless the image or `environ.txt` already
    /// sets them.
    public var environment: [String: String]
    /// Directories moved to the front of `PATH` when they exist.
    public var pathPrefixes: [String]
    /// A fragment of the Jupyter kernelspec name (`ir`, `julia`) whose kernel serves query
    /// mode, with state kept between runs, when one is installed; else ``query`` does.
    public var jupyterKernel: String?
    /// True when the language's programs flush a prompt themselves before they read: their
    /// `exec` and `code` runs then get the terminal for stdin only and pipes for stdout and
    /// stderr (much faster). False keeps stdout on the terminal, as C stdio needs.
    public var flushesPrompts: Bool
    /// The built-in session driver (``SessionDriver``, e.g. `lua`) that serves query mode with
    /// state kept between runs; nil runs every `code` snippet with ``query`` on its own.
    public var session: String?

    /// How a `code` snippet runs.
    public struct Query: Sendable, Equatable {
        /// The snippet's file name in the scratch directory, e.g. `snippet.lua`.
        public var fileName: String
        /// Text put before the snippet unless the snippet already starts with it (leading
        /// whitespace and the prelude's trailing whitespace aside), e.g. PHP's `<?php`.
        public var prelude: String?
        /// An optional compile step, run with pipes; if it fails, its exit code is the answer.
        public var compile: [String]?
        /// The program run with the language's interactive stdio.
        public var run: [String]

        /// Creates a query description.
        public init(fileName: String, prelude: String? = nil, compile: [String]? = nil, run: [String]) {
            self.fileName = fileName
            self.prelude = prelude
            self.compile = compile
            self.run = run
        }
    }

    /// One heuristic rule: the first rule of a step whose condition holds is the one that runs.
    public struct Rule: Sendable, Equatable {
        /// A work-dir file that must exist for the rule to apply; `nil` always applies.
        public var ifExists: String?
        /// The argv to run; empty means "nothing to do", exit 0.
        public var run: [String]

        /// Creates a rule.
        public init(ifExists: String? = nil, run: [String]) {
            self.ifExists = ifExists
            self.run = run
        }
    }

    /// Creates a spec; see the properties for the meaning of each part.
    public init(
        name: String,
        aliases: [String] = [],
        logPrefix: String? = nil,
        defaultRuntimePath: String,
        query: Query?,
        build: [Rule] = [],
        exec: [Rule] = [],
        clean: [Rule] = [],
        keywords: [String] = [],
        environment: [String: String] = [:],
        pathPrefixes: [String] = [],
        jupyterKernel: String? = nil,
        flushesPrompts: Bool = false,
        session: String? = nil
    ) {
        self.name = name
        self.aliases = aliases
        self.logPrefix = logPrefix ?? "\(name)-kernel"
        self.defaultRuntimePath = defaultRuntimePath
        self.query = query
        self.build = build
        self.exec = exec
        self.clean = clean
        self.keywords = keywords
        self.environment = environment
        self.pathPrefixes = pathPrefixes
        self.jupyterKernel = jupyterKernel
        self.flushesPrompts = flushesPrompts
        self.session = session
    }
}
