import FoundationEssentials
import Glibc
public import KernelRunnerCore
import SystemSupport

/// Reading spec files from the image.
extension LanguageSpec {
    /// Decodes and validates one spec file.
    ///
    /// - Throws: ``ConfigurationError`` naming `path` and the problem.
    public static func load(contentsOf path: String) throws(ConfigurationError) -> LanguageSpec {
        guard let bytes = FileSystem.contents(of: path) else {
            throw ConfigurationError(.invalidFile, path: path, detail: "cannot read the file")
        }
        let spec: LanguageSpec
        do {
            spec = try JSONDecoder().decode(LanguageSpec.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw ConfigurationError(.invalidFile, path: path, detail: describe(error, in: bytes))
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
        guard FileSystem.exists(directory) else { return [] }
        guard FileSystem.isDirectory(directory), let names = try? FileSystem.names(in: directory) else {
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
    private static func describe(_ error: DecodingError, in bytes: [UInt8]) -> String {
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
            return "invalid JSON: \(JSONSyntax.firstError(in: bytes) ?? context.debugDescription)"
        case .dataCorrupted(let context):
            return prefixed(context.codingPath, context.debugDescription)
        @unknown default:
            return "\(error)"
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
