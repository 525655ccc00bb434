public import KernelRunnerCore

extension LanguageRegistry {
    /// This registry plus the declarative specs found in `directory` (a spec named like a
    /// language here replaces it); a missing directory adds nothing.
    ///
    /// - Throws: ``ConfigurationError`` naming the first invalid spec file and its problem.
    public func addingSpecs(from directory: String) throws(ConfigurationError) -> LanguageRegistry {
        var registry = self
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
