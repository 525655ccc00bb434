public import KernelRunnerCore
import KernelRunnerInteractive

/// The languages this daemon can run, by runtime-type key (the image's
/// `ai.backend.runtime-type`).
public struct LanguageRegistry: Sendable {
    /// One runnable language.
    public struct Entry: Sendable {
        /// The runtime-type key, e.g. `c`.
        public var name: String
        /// Other keys accepted for it (e.g. `go` for `golang`).
        public var aliases: [String]
        /// The toolchain used when the image gives no runtime path.
        public var defaultRuntimePath: String
        /// Builds the runner.
        public var make: @Sendable () -> any BaseRunner

        public init(name: String, aliases: [String] = [], defaultRuntimePath: String, make: @escaping @Sendable () -> any BaseRunner) {
            self.name = name
            self.aliases = aliases
            self.defaultRuntimePath = defaultRuntimePath
            self.make = make
        }
    }

    /// All entries, in registration order.
    public private(set) var entries: [Entry]

    /// The languages compiled into the daemon.
    public static let builtIn = LanguageRegistry(entries: [
        Entry(name: "c", defaultRuntimePath: "gcc") { CFamilyRunner(.c) },
        Entry(name: "cpp", aliases: ["c++"], defaultRuntimePath: "g++") { CFamilyRunner(.cpp) },
        Entry(name: "python", defaultRuntimePath: "python3") { PythonRunner() },
        Entry(name: "golang", aliases: ["go"], defaultRuntimePath: "go") { GoRunner() },
        Entry(name: "rust", defaultRuntimePath: "rustc") { RustRunner() },
        Entry(name: "java", defaultRuntimePath: "java") { JavaRunner() },
        Entry(name: "nodejs", aliases: ["node"], defaultRuntimePath: "node") { NodeRunner() },
        Entry(name: "haskell", defaultRuntimePath: "ghc") { HaskellRunner() },
        Entry(.php),
        Entry(.lua),
        Entry(.r),
        Entry(.octave),
        Entry(.scheme),
        Entry(.julia),
        Entry(.shell),
        Entry(name: "app", defaultRuntimePath: "python3") { AppRunner() },
    ])

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Adds or replaces (by name) a language.
    public mutating func register(_ entry: Entry) {
        entries.removeAll { $0.name == entry.name }
        entries.append(entry)
    }

    /// The entry for a runtime-type key or alias.
    public func entry(for name: String) -> Entry? {
        entries.first { $0.name == name || $0.aliases.contains(name) }
    }
}
