import SystemSupport

/// The kernel's table of IPv4 TCP sockets (`/proc/net/tcp`), to know when the daemon has
/// noticed that an agent went away: ZeroMQ gives no sign of it.
enum LoopbackConnections {
    /// Whether some socket whose local port is `port` is still connected: established, or
    /// closed by the peer but not yet by its owner (CLOSE_WAIT).
    static func isConnected(localPort port: Int) -> Bool {
        guard let table = FileSystem.contents(of: "/proc/net/tcp", limit: .max) else { return false }
        return String(decoding: table, as: UTF8.self).split(separator: "\n").dropFirst().contains { line in
            let fields = line.split(separator: " ")
            guard fields.count > 3, let local = fields[1].split(separator: ":").last.flatMap({ Int($0, radix: 16) }) else {
                return false
            }
            return local == port && (fields[3] == "01" || fields[3] == "08")
        }
    }
}
