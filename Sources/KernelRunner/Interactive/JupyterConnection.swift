import Glibc

/// The ports and key of one Jupyter kernel, written to the connection file it is started with.
struct JupyterConnection: Sendable {
    /// Loopback only: the kernel executes whatever reaches these ports.
    static let host = "127.0.0.1"

    var shellPort: Int
    var iopubPort: Int
    var stdinPort: Int
    var controlPort: Int
    var heartbeatPort: Int
    /// The HMAC key (ASCII hex; Jupyter signs with the key's UTF-8 bytes).
    var key: String

    /// Picks five free loopback ports and a random key.
    static func allocate() throws(InteractiveError) -> JupyterConnection {
        // All five sockets stay bound until all are chosen, so no port is picked twice.
        var sockets: [Int32] = []
        defer { for socket in sockets { close(socket) } }
        var ports: [Int] = []
        for _ in 0..<5 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { throw InteractiveError(.socket, errno: errno, "cannot create a socket") }
            sockets.append(fd)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr(host)
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let found = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                    bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
                }
            }
            guard found else { throw InteractiveError(.socket, errno: errno, "cannot find a free port on \(host)") }
            ports.append(Int(UInt16(bigEndian: address.sin_port)))
        }
        let key = (0..<32).map { _ in String(Int.random(in: 0..<16), radix: 16) }.joined()
        return JupyterConnection(
            shellPort: ports[0], iopubPort: ports[1], stdinPort: ports[2], controlPort: ports[3], heartbeatPort: ports[4], key: key)
    }

    /// The ZeroMQ endpoint of a port.
    func endpoint(_ port: Int) -> String {
        "tcp://\(Self.host):\(port)"
    }

    /// The connection file's JSON.
    func fileContents(kernelName: String) -> String {
        """
        {"shell_port": \(shellPort), "iopub_port": \(iopubPort), "stdin_port": \(stdinPort), \
        "control_port": \(controlPort), "hb_port": \(heartbeatPort), "ip": "\(Self.host)", \
        "key": "\(key)", "transport": "tcp", "signature_scheme": "hmac-sha256", \
        "kernel_name": \(JupyterMessage.jsonString(kernelName))}
        """
    }
}
