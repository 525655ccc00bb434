import Foundation
public import KernelProtocol

/// The image's service definitions (`/etc/backend.ai/service-defs/<name>.json`), read once at
/// startup like the original. A broken file is skipped and reported; the others still load.
public struct ServiceDefinitionCatalog: Sendable {
    /// The definitions by service name (the file name without `.json`).
    public private(set) var definitions: [String: ServiceDefinition]
    /// Log lines about skipped files and ignored keys.
    public private(set) var problems: [String]

    /// A catalog of the given definitions.
    public init(definitions: [String: ServiceDefinition] = [:]) {
        self.definitions = definitions
        problems = []
    }

    /// Reads every `*.json` file of `directory`; a missing directory is an empty catalog.
    public init(directory: String) {
        self.init()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for file in names.sorted() where file.hasSuffix(".json") && file.count > 5 {
            let name = String(file.dropLast(5))
            guard let data = FileManager.default.contents(atPath: directory + "/" + file) else {
                problems.append("service definition \(file) skipped: cannot read it")
                continue
            }
            do {
                let (definition, ignored) = try ServiceDefinition.parse(data, source: file)
                definitions[name] = definition
                if !ignored.isEmpty {
                    problems.append("service definition \(file): ignored unknown keys \(ignored.joined(separator: ", "))")
                }
            } catch {
                problems.append("service definition skipped: \(error)")
            }
        }
    }

    /// The definition of a service.
    public subscript(name: String) -> ServiceDefinition? {
        definitions[name]
    }

    /// The `get-apps` list: every definition sorted by name, or only `name` when non-empty.
    public func apps(named name: String) -> [AppInfo] {
        let names = name.isEmpty ? definitions.keys.sorted() : [name]
        return names.compactMap { name in definitions[name]?.appInfo(named: name) }
    }
}
