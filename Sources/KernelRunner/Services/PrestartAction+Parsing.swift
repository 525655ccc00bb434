public import KernelProtocol

extension PrestartAction {
    /// Parses one `{"action", "args", "ref"?}` step. Unknown actions and arguments are errors
    /// (the original fails the start on them too), found here before anything runs.
    public init(json: JSONValue, source: String) throws(ServiceDefinitionError) {
        var step = try JSONFields(json, source: source)
        let action = try step.required("action", step.string("action"))
        let ref = try step.string("ref")
        var args = JSONFields(try step.object("args") ?? [:], source: source + ".args")
        try step.rejectUnknownKeys()
        let operation: Operation
        switch action {
        case "write_file":
            operation = .writeFile(
                filename: try args.required("filename", args.string("filename")),
                body: try args.required("body", args.strings("body")),
                mode: try Self.mode(args.value("mode"), source: args.source),
                append: try args.bool("append") ?? false
            )
        case "write_tempfile":
            operation = .writeTemporaryFile(
                body: try args.required("body", args.strings("body")),
                mode: try Self.mode(args.value("mode"), source: args.source)
            )
        case "mkdir":
            operation = .makeDirectory(path: try args.required("path", args.string("path")))
        case "run_command":
            operation = .runCommand(
                command: try args.required("command", args.strings("command")),
                echo: try args.bool("echo") ?? false
            )
        case "log":
            operation = .log(message: try args.required("message", args.string("message")), debug: try args.bool("debug") ?? false)
        default:
            throw ServiceDefinitionError(.unknownAction, source: source, detail: "unknown action \"\(action)\"")
        }
        try args.rejectUnknownKeys()
        self.init(operation, ref: ref)
    }

    /// Permission bits written as octal digits, as a string (`"755"`) or, leniently, as a JSON
    /// number whose decimal digits are read as octal (`755`).
    private static func mode(_ value: JSONValue?, source: String) throws(ServiceDefinitionError) -> Int {
        let digits: String
        switch value {
        case nil, .null?: return 0o644
        case .string(let text)?: digits = text.hasPrefix("0o") ? String(text.dropFirst(2)) : text
        case .number(let number)? where number >= 0 && number == number.rounded(): digits = String(Int(number))
        default: throw ServiceDefinitionError(.invalidField, source: source, detail: "\"mode\" must be octal digits")
        }
        guard !digits.isEmpty, let mode = Int(digits, radix: 8), mode <= 0o7777 else {
            throw ServiceDefinitionError(.invalidField, source: source, detail: "\"mode\" must be octal digits, not \"\(digits)\"")
        }
        return mode
    }
}
