import KernelRunnerInteractive

/// Checks a spec once, at start, so a broken image fails loudly instead of on the first run.
extension LanguageSpec {
    /// Throws the first problem found.
    public func validate() throws(LanguageSpecError) {
        try Self.checkName(name, field: "name")
        for (index, alias) in aliases.enumerated() {
            try Self.checkName(alias, field: "aliases[\(index)]")
        }
        try Self.checkNotEmpty(defaultRuntimePath, field: "defaultRuntimePath")
        try Self.checkNotEmpty(logPrefix, field: "logPrefix")
        if let jupyterKernel {
            try Self.checkNotEmpty(jupyterKernel, field: "jupyterKernel")
        }
        if let session, SessionDriver.builtIn[session] == nil {
            let known = SessionDriver.builtIn.keys.sorted().joined(separator: ", ")
            throw LanguageSpecError(.unknownSession, field: "session", "no session driver \"\(session)\"; known: \(known)")
        }
        if let query {
            try Self.checkNotEmpty(query.fileName, field: "query.fileName")
            // By scalar: a combining mark after "/" would hide it from Character comparison.
            guard !query.fileName.unicodeScalars.contains("/") else {
                throw LanguageSpecError(.invalidPath, field: "query.fileName", "must be a plain file name")
            }
            if let compile = query.compile {
                try Self.checkCommand(compile, field: "query.compile", allowed: Self.queryPlaceholders, mayBeEmpty: false)
            }
            try Self.checkCommand(query.run, field: "query.run", allowed: Self.queryPlaceholders, mayBeEmpty: false)
        }
        for step in Step.allCases {
            for (index, rule) in rules(for: step).enumerated() {
                let field = "\(step.rawValue)[\(index)]"
                if let path = rule.ifExists {
                    try Self.checkNotEmpty(path, field: field + ".ifExists")
                    // By scalar, as above; a component that starts with ".." is refused outright.
                    let components = path.unicodeScalars.split(separator: "/", omittingEmptySubsequences: false)
                    guard path.unicodeScalars.first != "/", !components.contains(where: { $0.starts(with: "..".unicodeScalars) }) else {
                        throw LanguageSpecError(.invalidPath, field: field + ".ifExists", "must be relative to the work directory")
                    }
                }
                try Self.checkCommand(rule.run, field: field + ".run", allowed: Self.batchPlaceholders, mayBeEmpty: true)
            }
        }
    }

    private static func checkName(_ name: String, field: String) throws(LanguageSpecError) {
        let allowed = name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._+-".contains($0)) }
        guard !name.isEmpty, allowed else {
            throw LanguageSpecError(.invalidName, field: field, "\"\(name)\" must be non-empty letters, digits and ._+-")
        }
    }

    private static func checkNotEmpty(_ value: String, field: String) throws(LanguageSpecError) {
        guard !value.isEmpty else { throw LanguageSpecError(.emptyValue, field: field, "must not be empty") }
    }

    private static func checkCommand(_ argv: [String], field: String, allowed: Set<String>, mayBeEmpty: Bool) throws(LanguageSpecError) {
        if argv.isEmpty {
            guard mayBeEmpty else { throw LanguageSpecError(.emptyValue, field: field, "needs at least the program") }
            return
        }
        try checkNotEmpty(argv[0], field: field + "[0]")
        for argument in argv {
            if let unknown = placeholders(in: argument).first(where: { !allowed.contains($0) }) {
                let known = allowed.sorted().map { "{\($0)}" }.joined(separator: ", ")
                throw LanguageSpecError(.unknownPlaceholder, field: field, "unknown placeholder {\(unknown)} here; known: \(known)")
            }
        }
    }
}
