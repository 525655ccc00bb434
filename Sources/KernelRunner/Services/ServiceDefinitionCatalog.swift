import FoundationEssentials
import Glibc
public import KernelProtocol
import SystemSupport

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
        for file in ((try? FileSystem.names(in: directory)) ?? []).sorted() where file.hasSuffix(".json") && file.count > 5 {
            do {
                let (definition, ignored) = try Self.load(directory + "/" + file, source: file)
                definitions[String(file.dropLast(5))] = definition
                if !ignored.isEmpty {
                    problems.append("service definition \(file): ignored unknown keys \(ignored.joined(separator: ", "))")
                }
            } catch {
                problems.append("service definition skipped: \(error)")
            }
        }
    }

    /// Reads and parses one definition file (system calls: the errno of a failed read is kept).
    private static func load(_ path: String, source: String) throws(ServiceDefinitionError) -> (
        definition: ServiceDefinition, ignoredKeys: [String]
    ) {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path, limit: .max)
        } catch {
            throw ServiceDefinitionError(
                .unreadable, source: source, detail: "cannot read it: \(String(cString: strerror(error.errno)))", errno: error.errno)
        }
        return try ServiceDefinition.parse(Data(bytes), source: source)
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
