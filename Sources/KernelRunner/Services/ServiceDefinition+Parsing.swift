public import FoundationEssentials
public import KernelProtocol

extension ServiceDefinition {
    /// Parses the JSON of a definition file (images-and-policy §2.2).
    ///
    /// - Returns: the definition and the keys it ignored (for a warning; old image files carry
    ///   keys such as `args` that the current format dropped).
    public static func parse(_ data: Data, source: String) throws(ServiceDefinitionError) -> (
        definition: ServiceDefinition, ignoredKeys: [String]
    ) {
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw ServiceDefinitionError(.malformedJSON, source: source, detail: "not valid JSON")
        }
        var fields = try JSONFields(json, source: source)
        let noop = try fields.bool("noop") ?? false
        let command = try Self.command(fields.value("command"), source: source)
        guard command != nil || noop else {
            throw ServiceDefinitionError(.missingCommand, source: source, detail: "\"command\" is required unless \"noop\" is true")
        }
        let prestartKey = fields.value("prestart") != nil ? "prestart" : "prestart_actions"
        let definition = ServiceDefinition(
            command: command,
            shell: try Self.shell(fields.value("shell"), source: source),
            noop: noop,
            urlTemplate: try fields.string("url_template") ?? "",
            prestart: try Self.prestart(fields.array(prestartKey) ?? [], source: source + "." + prestartKey),
            environment: try Self.environment(fields.object("env") ?? [:], source: source),
            allowedEnvironment: try fields.strings("allowed_envs") ?? [],
            allowedArguments: try fields.strings("allowed_arguments") ?? [],
            defaultArguments: try Self.defaultArguments(fields.object("default_arguments") ?? [:], source: source)
        )
        return (definition, fields.unknownKeys)
    }

    /// The start description of a `start-model-service` request, run in the model's folder.
    public init(model request: ModelServiceRequest) throws(ServiceDefinitionError) {
        self.init(
            command: request.service.startCommand,
            shell: request.service.shell,
            prestart: try Self.prestart(request.service.preStartActions ?? [], source: "pre_start_actions"),
            workingDirectory: request.modelPath
        )
    }

    static func prestart(_ steps: [JSONValue], source: String) throws(ServiceDefinitionError) -> [PrestartAction] {
        var actions: [PrestartAction] = []
        for (index, step) in steps.enumerated() {
            actions.append(try PrestartAction(json: step, source: "\(source)[\(index)]"))
        }
        return actions
    }

    private static func command(_ value: JSONValue?, source: String) throws(ServiceDefinitionError) -> ServiceCommand? {
        switch value {
        case nil, .null?:
            return nil
        case .string(let script)?:
            return .shell(script)
        case .array(let items)?:
            let words = items.compactMap { item -> String? in
                if case .string(let word) = item { word } else { nil }
            }
            guard words.count == items.count else {
                throw ServiceDefinitionError(.invalidField, source: source, detail: "\"command\" must be a string or a list of strings")
            }
            return .argv(words)
        default:
            throw ServiceDefinitionError(.invalidField, source: source, detail: "\"command\" must be a string or a list of strings")
        }
    }

    /// Absent means `bash`; an explicit null means "split the script into words".
    private static func shell(_ value: JSONValue?, source: String) throws(ServiceDefinitionError) -> String? {
        switch value {
        case nil: return "bash"
        case .null?: return nil
        case .string(let shell)? where !shell.isEmpty: return shell
        default: throw ServiceDefinitionError(.invalidField, source: source, detail: "\"shell\" must be a program name or null")
        }
    }

    private static func environment(_ members: [String: JSONValue], source: String) throws(ServiceDefinitionError) -> [String: String] {
        var environment: [String: String] = [:]
        for (name, value) in members {
            switch value {
            case .string, .number, .bool: environment[name] = value.text
            default: throw ServiceDefinitionError(.invalidField, source: source, detail: "\"env\" value of \(name) must be text")
            }
        }
        return environment
    }

    private static func defaultArguments(_ members: [String: JSONValue], source: String) throws(ServiceDefinitionError) -> [String:
        JSONValue]
    {
        for (name, value) in members {
            switch value {
            case .null, .string, .number, .bool: continue
            case .array(let items) where items.allSatisfy({ if case .string = $0 { true } else { false } }): continue
            default:
                throw ServiceDefinitionError(
                    .invalidField, source: source,
                    detail: "\"default_arguments\" value of \(name) must be null, a string or a list of strings")
            }
        }
        return members
    }
}
