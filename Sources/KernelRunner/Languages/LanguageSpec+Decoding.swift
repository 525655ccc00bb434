/// The JSON form of a spec. Unknown keys are errors: a misspelt `ifexists` must not silently
/// turn a rule into one that always applies.
extension LanguageSpec: Decodable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case name, aliases, logPrefix, defaultRuntimePath, query, build, exec, clean, keywords, environment, pathPrefixes
        case jupyterKernel, flushesPrompts, session
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            aliases: try container.decodeIfPresent([String].self, forKey: .aliases) ?? [],
            logPrefix: try container.decodeIfPresent(String.self, forKey: .logPrefix),
            defaultRuntimePath: try container.decode(String.self, forKey: .defaultRuntimePath),
            query: try container.decodeIfPresent(Query.self, forKey: .query),
            build: try container.decodeIfPresent([Rule].self, forKey: .build) ?? [],
            exec: try container.decodeIfPresent([Rule].self, forKey: .exec) ?? [],
            clean: try container.decodeIfPresent([Rule].self, forKey: .clean) ?? [],
            keywords: try container.decodeIfPresent([String].self, forKey: .keywords) ?? [],
            environment: try container.decodeIfPresent([String: String].self, forKey: .environment) ?? [:],
            pathPrefixes: try container.decodeIfPresent([String].self, forKey: .pathPrefixes) ?? [],
            jupyterKernel: try container.decodeIfPresent(String.self, forKey: .jupyterKernel),
            flushesPrompts: try container.decodeIfPresent(Bool.self, forKey: .flushesPrompts) ?? false,
            session: try container.decodeIfPresent(String.self, forKey: .session)
        )
    }
}

extension LanguageSpec.Query: Decodable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case fileName, prelude, compile, run
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            fileName: try container.decode(String.self, forKey: .fileName),
            prelude: try container.decodeIfPresent(String.self, forKey: .prelude),
            compile: try container.decodeIfPresent([String].self, forKey: .compile),
            run: try container.decode([String].self, forKey: .run)
        )
    }
}

extension LanguageSpec.Rule: Decodable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case ifExists, run
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            ifExists: try container.decodeIfPresent(String.self, forKey: .ifExists),
            run: try container.decode([String].self, forKey: .run)
        )
    }
}

/// Any JSON object key, to see the keys a typed container would drop.
private struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        nil
    }
}

extension Decoder {
    /// Throws a `DecodingError` naming the first key of the current object that `Keys` lacks.
    fileprivate func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_: Keys.Type) throws {
        let known = Set(Keys.allCases.map(\.stringValue))
        let present = try container(keyedBy: AnyCodingKey.self).allKeys.sorted { $0.stringValue < $1.stringValue }
        guard let unknown = present.first(where: { !known.contains($0.stringValue) }) else { return }
        throw DecodingError.dataCorrupted(
            DecodingError.Context(
                codingPath: codingPath + [unknown],
                debugDescription: "unknown key; known keys: \(known.sorted().joined(separator: ", "))"
            ))
    }
}
