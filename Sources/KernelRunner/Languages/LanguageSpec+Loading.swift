import Foundation

/// Reading spec files from the image.
extension LanguageSpec {
    /// Decodes and validates one spec file.
    ///
    /// - Throws: ``ConfigurationError`` naming `path` and the problem.
    public static func load(contentsOf path: String) throws(ConfigurationError) -> LanguageSpec {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(.invalidFile, path: path, detail: "cannot read the file")
        }
        let spec: LanguageSpec
        do {
            spec = try JSONDecoder().decode(LanguageSpec.self, from: data)
        } catch let error as DecodingError {
            throw ConfigurationError(.invalidFile, path: path, detail: describe(error, in: data))
        } catch {
            throw ConfigurationError(.invalidFile, path: path, detail: "\(error)")
        }
        do {
            try spec.validate()
        } catch {
            throw ConfigurationError(.invalidFile, path: path, detail: error.description)
        }
        return spec
    }

    /// Every `*.json` spec in `directory`, in file-name order; none if the directory does not
    /// exist (most images have no extra languages).
    ///
    /// - Throws: ``ConfigurationError`` for the first invalid file, or when two files define the
    ///   same language.
    public static func loadAll(from directory: String) throws(ConfigurationError) -> [LanguageSpec] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw ConfigurationError(.invalidFile, path: directory, detail: "not a readable directory")
        }
        var specs: [LanguageSpec] = []
        var definedBy: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let path = directory + "/" + name
            let spec = try load(contentsOf: path)
            if let other = definedBy[spec.name] {
                let error = LanguageSpecError(.duplicate, field: "name", "\"\(spec.name)\" is already defined by \(other)")
                throw ConfigurationError(.invalidFile, path: path, detail: error.description)
            }
            definedBy[spec.name] = name
            specs.append(spec)
        }
        return specs
    }

    /// `keywords: expected an array` rather than Foundation's debug text.
    private static func describe(_ error: DecodingError, in data: Data) -> String {
        func location(_ path: [any CodingKey]) -> String {
            path.reduce("") { text, key in
                if let index = key.intValue { return text + "[\(index)]" }
                return text.isEmpty ? key.stringValue : text + "." + key.stringValue
            }
        }
        func prefixed(_ path: [any CodingKey], _ message: String) -> String {
            path.isEmpty ? message : "\(location(path)): \(message)"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return prefixed(context.codingPath + [key], "missing")
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return prefixed(context.codingPath, "expected \(expected(type))")
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "invalid JSON: \(syntaxError(in: data) ?? context.debugDescription)"
        case .dataCorrupted(let context):
            return prefixed(context.codingPath, context.debugDescription)
        @unknown default:
            return "\(error)"
        }
    }

    /// Where the JSON syntax breaks ("Invalid value around character 42."), which the decoder
    /// does not say.
    private static func syntaxError(in data: Data) -> String? {
        do {
            _ = try JSONSerialization.jsonObject(with: data)
            return nil
        } catch {
            return (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        }
    }

    /// The decoder names Foundation's types (`Array<Any>`); users wrote JSON.
    private static func expected(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if name.hasPrefix("Array") { return "an array" }
        if name.hasPrefix("Dictionary") { return "an object" }
        if name == "String" { return "a string" }
        return name
    }
}
