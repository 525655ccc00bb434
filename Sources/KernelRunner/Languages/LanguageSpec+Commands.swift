import Glibc

/// Turning a spec's templates into the argvs a run executes. Pure functions of the spec and the
/// files present, so what a spec does can be checked without a toolchain.
extension LanguageSpec {
    /// A batch step a spec describes.
    public enum Step: String, Sendable, CaseIterable {
        case build, exec, clean
    }

    /// What a batch step does.
    public enum Plan: Sendable, Equatable {
        /// Run this argv in the work dir.
        case run([String])
        /// Nothing to do; the step succeeds.
        case nothing
        /// Rules exist but none applies; these are the files they looked for.
        case missing([String])
        /// The step has no rules and no sensible default (`exec` only).
        case unsupported
    }

    /// The argvs of a query: an optional compile step, then the program.
    public struct QueryCommands: Sendable, Equatable {
        /// Run with pipes first; a failure is the query's answer.
        public var compile: [String]?
        /// The program.
        public var run: [String]

        public init(compile: [String]?, run: [String]) {
            self.compile = compile
            self.run = run
        }
    }

    /// The placeholders batch commands may use.
    static let batchPlaceholders: Set<String> = ["runtime"]
    /// The placeholders query commands may use.
    static let queryPlaceholders: Set<String> = ["runtime", "file", "scratch"]

    /// The rules of `step`.
    public func rules(for step: Step) -> [Rule] {
        switch step {
        case .build: build
        case .exec: exec
        case .clean: clean
        }
    }

    /// What `step` does given which work-dir files exist.
    public func plan(_ step: Step, runtimePath: String, fileExists: (String) -> Bool) -> Plan {
        let rules = rules(for: step)
        guard let rule = rules.first(where: { $0.ifExists.map(fileExists) ?? true }) else {
            if !rules.isEmpty { return .missing(rules.compactMap(\.ifExists)) }
            return step == .exec ? .unsupported : .nothing
        }
        return rule.run.isEmpty ? .nothing : .run(Self.expand(rule.run, ["runtime": runtimePath]))
    }

    /// The text written to the snippet file: the code, after the prelude unless it has one.
    public func querySource(for code: String) -> String {
        guard let prelude = query?.prelude else { return code }
        let opening = prelude.reversed().drop(while: \.isWhitespace).reversed()
        return code.drop(while: \.isWhitespace).hasPrefix(String(opening)) ? code : prelude + code
    }

    /// The argvs of a query whose snippet was written to `file` inside `scratch`; `nil` when the
    /// spec has no query mode.
    public func queryCommands(runtimePath: String, file: String, scratch: String) -> QueryCommands? {
        guard let query else { return nil }
        let values = ["runtime": runtimePath, "file": file, "scratch": scratch]
        return QueryCommands(compile: query.compile.map { Self.expand($0, values) }, run: Self.expand(query.run, values))
    }

    /// Replaces each `{name}` by its value (validation has rejected unknown names).
    static func expand(_ template: [String], _ values: [String: String]) -> [String] {
        template.map { argument in
            values.reduce(argument) { $0.replacing("{\($1.key)}", with: $1.value) }
        }
    }

    /// The `{name}` placeholders used in `argument`.
    static func placeholders(in argument: String) -> [String] {
        var names: [String] = []
        var rest = Substring(argument)
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            let name = rest[afterOpen...].prefix { $0.isLetter || $0 == "_" }
            let end = name.endIndex
            if !name.isEmpty, end < rest.endIndex, rest[end] == "}" {
                names.append(String(name))
                rest = rest[rest.index(after: end)...]
            } else {
                rest = rest[afterOpen...]
            }
        }
        return names
    }
}
