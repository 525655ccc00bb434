public import FoundationEssentials
import KernelProtocol
import SystemSupport

/// `/home/config/intrinsic-ports.json`: host-network overrides of the runner's ports.
public struct IntrinsicPorts: Sendable, Equatable {
    public var replIn: Int?
    public var replOut: Int?
    public var sshd: Int?
    public var ttyd: Int?

    /// No overrides.
    public init(replIn: Int? = nil, replOut: Int? = nil, sshd: Int? = nil, ttyd: Int? = nil) {
        self.replIn = replIn
        self.replOut = replOut
        self.sshd = sshd
        self.ttyd = ttyd
    }

    /// Reads the file; a missing or unreadable file means no overrides.
    public init(contentsOf path: String) throws(ConfigurationError) {
        // read(2), not FileManager: its missing-file path alone keeps ~1 MiB of Foundation
        // resident for the daemon's life.
        guard let bytes = FileSystem.contents(of: path, limit: .max) else {
            self.init()
            return
        }
        try self.init(json: Data(bytes))
    }

    /// Parses the file's JSON object; keys other than `replin`, `replout`, `sshd`, `ttyd` are
    /// ignored, and a value that is not a port number is an error.
    public init(json data: Data) throws(ConfigurationError) {
        guard let object = try? JSONDecoder().decode([String: JSONValue].self, from: data) else {
            throw ConfigurationError(.invalidFile, path: "intrinsic-ports.json", detail: "not a JSON object")
        }
        func port(_ key: String) throws(ConfigurationError) -> Int? {
            switch object[key] {
            case nil, .null?:
                return nil
            case .number(let value)? where value == value.rounded() && (1...65535).contains(value):
                return Int(value)
            default:
                throw ConfigurationError(.invalidFile, path: "intrinsic-ports.json", detail: "\(key) is not a port number")
            }
        }
        self.init(replIn: try port("replin"), replOut: try port("replout"), sshd: try port("sshd"), ttyd: try port("ttyd"))
    }
}
