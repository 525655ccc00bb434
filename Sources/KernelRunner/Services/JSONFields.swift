import KernelProtocol

/// Typed reads of one JSON object's members, with errors naming the member, and a record of the
/// members read so unknown ones can be reported.
struct JSONFields {
    private let object: [String: JSONValue]
    /// Where the object comes from, for error messages (`jupyter.json`, `prestart[0].args`).
    let source: String
    private var read: Set<String> = []

    init(_ object: [String: JSONValue], source: String) {
        self.object = object
        self.source = source
    }

    /// Parses `value` as an object.
    init(_ value: JSONValue, source: String) throws(ServiceDefinitionError) {
        guard case .object(let object) = value else {
            throw ServiceDefinitionError(.invalidField, source: source, detail: "expected a JSON object")
        }
        self.init(object, source: source)
    }

    /// The members nobody asked for, sorted.
    var unknownKeys: [String] {
        object.keys.filter { !read.contains($0) }.sorted()
    }

    /// The raw member; `.null` and absence stay distinct.
    mutating func value(_ key: String) -> JSONValue? {
        read.insert(key)
        return object[key]
    }

    /// A string member; null counts as absent.
    mutating func string(_ key: String) throws(ServiceDefinitionError) -> String? {
        switch value(key) {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw mismatch(key, "a string")
        }
    }

    /// A boolean member; null counts as absent.
    mutating func bool(_ key: String) throws(ServiceDefinitionError) -> Bool? {
        switch value(key) {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        default: throw mismatch(key, "true or false")
        }
    }

    /// A list of strings; null counts as absent.
    mutating func strings(_ key: String) throws(ServiceDefinitionError) -> [String]? {
        switch value(key) {
        case nil, .null?: return nil
        case .array(let items)?:
            var strings: [String] = []
            for item in items {
                guard case .string(let text) = item else { throw mismatch(key, "a list of strings") }
                strings.append(text)
            }
            return strings
        default: throw mismatch(key, "a list of strings")
        }
    }

    /// An object member; null counts as absent.
    mutating func object(_ key: String) throws(ServiceDefinitionError) -> [String: JSONValue]? {
        switch value(key) {
        case nil, .null?: return nil
        case .object(let members)?: return members
        default: throw mismatch(key, "an object")
        }
    }

    /// A list member; null counts as absent.
    mutating func array(_ key: String) throws(ServiceDefinitionError) -> [JSONValue]? {
        switch value(key) {
        case nil, .null?: return nil
        case .array(let items)?: return items
        default: throw mismatch(key, "a list")
        }
    }

    /// A member that must be present.
    func required<T>(_ key: String, _ found: T?) throws(ServiceDefinitionError) -> T {
        guard let found else {
            throw ServiceDefinitionError(.invalidField, source: source, detail: "\"\(key)\" is required")
        }
        return found
    }

    /// Fails when members other than the ones read are present.
    func rejectUnknownKeys() throws(ServiceDefinitionError) {
        guard let key = unknownKeys.first else { return }
        throw ServiceDefinitionError(.invalidField, source: source, detail: "unknown key \"\(key)\"")
    }

    private func mismatch(_ key: String, _ expected: String) -> ServiceDefinitionError {
        ServiceDefinitionError(.invalidField, source: source, detail: "\"\(key)\" must be \(expected)")
    }
}
