extension LanguageRegistry {
    /// The built-in languages plus the declarative specs found in `directory` (a spec named like a
    /// built-in language replaces it).
    ///
    /// - Throws: ``ConfigurationError`` naming the first invalid spec file and its problem.
    public static func loading(specsFrom directory: String) throws(ConfigurationError) -> LanguageRegistry {
        var registry = builtIn
        for spec in try LanguageSpec.loadAll(from: directory) {
            registry.register(Entry(spec))
        }
        return registry
    }
}

extension LanguageRegistry.Entry {
    /// The entry of a declarative language.
    public init(_ spec: LanguageSpec) {
        self.init(name: spec.name, aliases: spec.aliases, defaultRuntimePath: spec.defaultRuntimePath) { SpecRunner(spec) }
    }
}
