import KernelProtocol

extension ServiceDefinition {
    /// Checks the user's options, runs the prestart steps and expands every template.
    ///
    /// - Parameters:
    ///   - variables: `runtime_path`, `ports`; prestart `ref` results are added for this start
    ///     only (the original kept them across starts, which leaks one start's paths into the
    ///     next).
    ///   - lockedEnvironment: the container's variables, which user options may not replace.
    func prepareLaunch(
        service: String,
        options: ServiceRequest.Options?,
        variables: [String: JSONValue],
        lockedEnvironment: Set<String>,
        prestart context: PrestartContext
    ) async throws(ServiceError) -> ServiceLaunch {
        try validate(options, service: service, lockedEnvironment: lockedEnvironment)
        var variables = variables
        for action in prestart {
            let result = try await action.perform(with: variables, context: context)
            if let ref = action.ref { variables[ref] = result }
        }
        let arguments = try commandLine(options: options, variables: variables)
        guard !arguments.isEmpty, !arguments[0].isEmpty else {
            throw ServiceError(.emptyCommand, "the command of service \(service) is empty")
        }
        return ServiceLaunch(
            arguments: arguments,
            environment: try launchEnvironment(options: options, variables: variables),
            workingDirectory: workingDirectory
        )
    }

    /// Rejects user arguments and variables the definition does not allow, before anything
    /// runs (the original ran the prestart steps first).
    func validate(_ options: ServiceRequest.Options?, service: String, lockedEnvironment: Set<String>) throws(ServiceError) {
        for name in (options?.arguments ?? [:]).keys.sorted() where !allowedArguments.contains(name) {
            throw ServiceError(.argumentNotAllowed, "argument \(name) is not allowed for service \(service)")
        }
        for name in (options?.envs ?? [:]).keys.sorted() {
            guard allowedEnvironment.contains(name) else {
                throw ServiceError(.environmentNotAllowed, "environment variable \(name) is not allowed for service \(service)")
            }
            guard !lockedEnvironment.contains(name) else {
                throw ServiceError(.environmentLocked, "environment variable \(name) can't be overwritten")
            }
        }
    }

    /// The command's words followed by the arguments: the definition's defaults, replaced by
    /// the user's where they name the same flag, in flag order (JSON objects carry no order).
    /// The definition's text is expanded; the user's values are passed literally, so braces
    /// in, e.g., a password stay as typed.
    func commandLine(options: ServiceRequest.Options?, variables: [String: JSONValue]) throws(ServiceError) -> [String] {
        func expand(_ text: String) throws(ServiceError) -> String {
            try ServiceTemplate.expand(text, with: variables)
        }
        var words: [String] = []
        switch command {
        case nil:
            break
        case .shell(let script)?:
            if let shell {
                words = [shell, "-c", try expand(script)]
            } else {
                for word in try ShellWords.split(script) { words.append(try expand(word)) }
            }
        case .argv(let argv)?:
            for word in argv { words.append(try expand(word)) }
        }
        var arguments: [String: [String]] = [:]
        for (flag, value) in defaultArguments {
            var values: [String] = []
            for text in Self.words(of: value) { values.append(try expand(text)) }
            arguments[try expand(flag)] = values
        }
        for (flag, value) in options?.arguments ?? [:] {
            arguments[flag] = Self.words(of: value)
        }
        for flag in arguments.keys.sorted() {
            words.append(flag)
            words += arguments[flag] ?? []
        }
        return words
    }

    /// The user's allowed variables, then the definition's `env` (which wins).
    func launchEnvironment(options: ServiceRequest.Options?, variables: [String: JSONValue]) throws(ServiceError) -> [String: String] {
        var environment: [String: String] = [:]
        for (name, value) in options?.envs ?? [:] {
            environment[name] = value.text
        }
        for (name, value) in self.environment {
            environment[try ServiceTemplate.expand(name, with: variables)] = try ServiceTemplate.expand(value, with: variables)
        }
        return environment
    }

    /// The values following a flag: none for null, each item of a list, else the value's text.
    private static func words(of value: JSONValue) -> [String] {
        switch value {
        case .null: []
        case .array(let items): items.map(\.text)
        default: [value.text]
        }
    }
}
