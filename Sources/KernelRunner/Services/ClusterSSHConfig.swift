import FoundationEssentials
import Glibc
import KernelProtocol
import SystemSupport

/// The `~/.ssh/config` entries that let the containers of a multi-node session reach each other
/// with the agent's cluster key (`<config>/ssh/id_cluster`): one `Host` per container from
/// the agent's `<config>/ssh/port-mapping.json` (`{"host": ["hostname", port]}`), or else one
/// `Host <role>*` per role of `BACKENDAI_CLUSTER_REPLICAS` (`main:1,sub:2`) on the sshd port.
struct ClusterSSHConfig: Equatable {
    struct Host: Equatable {
        /// The `Host` pattern.
        var pattern: String
        var hostName: String?
        var port: Int
    }

    var hosts: [Host]
    var identityFile: String

    init(hosts: [Host], identityFile: String) {
        self.hosts = hosts
        self.identityFile = identityFile
    }

    /// The configuration for this container; nil without a cluster key.
    init?(configDirectory: String, environment: [String: String], sshdPort: Int = IntrinsicService.sshd.defaultPort) {
        identityFile = configDirectory + "/ssh/id_cluster"
        guard FileSystem.exists(identityFile) else { return nil }
        if let bytes = FileSystem.contents(of: configDirectory + "/ssh/port-mapping.json") {
            hosts = Self.hosts(portMapping: Data(bytes))
        } else {
            hosts = Self.hosts(replicas: environment["BACKENDAI_CLUSTER_REPLICAS"] ?? "main:1", port: sshdPort)
        }
    }

    /// `{"host": ["hostname", port], …}`, sorted by host; malformed entries are skipped.
    static func hosts(portMapping data: Data) -> [Host] {
        guard let mapping = try? JSONDecoder().decode([String: [JSONValue]].self, from: data) else { return [] }
        return mapping.keys.sorted().compactMap { host in
            guard let entry = mapping[host], entry.count == 2, let hostName = entry[0].string,
                let port = entry[1].number, let number = Int(exactly: port)
            else { return nil }
            return Host(pattern: host, hostName: hostName, port: number)
        }
    }

    /// One `<role>*` pattern per `role:count` pair.
    static func hosts(replicas: String, port: Int) -> [Host] {
        replicas.split(separator: ",").compactMap { pair in
            let role = pair.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            return role.isEmpty ? nil : Host(pattern: role + "*", port: port)
        }
    }

    /// `existing` with an entry added for every host it does not configure yet (the original
    /// appended the port mapping again on every start).
    func merged(into existing: String) -> String {
        let configured = Set(
            existing.split(separator: "\n").compactMap { line -> String? in
                let words = line.split(whereSeparator: \.isWhitespace)
                return words.count == 2 && words[0] == "Host" ? String(words[1]) : nil
            })
        var text = existing
        for host in hosts where !configured.contains(host.pattern) {
            text += "\nHost \(host.pattern)\n"
            if let hostName = host.hostName { text += "\tHostName \(hostName)\n" }
            text += "\tPort \(host.port)\n\tStrictHostKeyChecking no\n\tIdentityFile \(identityFile)\n"
        }
        return text
    }
}
