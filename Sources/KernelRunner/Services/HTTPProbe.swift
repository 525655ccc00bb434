/// A minimal HTTP/1.0 `GET` over a loopback socket, for model health checks (no HTTP client
/// package needed for one status line).
enum HTTPProbe {
    /// The status code `127.0.0.1:port` answers for `path`, all within `timeout`.
    static func status(port: Int, path: String, timeout: Duration) async throws(ProbeError) -> Int {
        let deadline = ContinuousClock.now + timeout
        let target = path.hasPrefix("/") ? path : "/" + path
        // The path comes from the agent; a line break in it would forge headers.
        guard !target.contains(where: { $0 == "\r" || $0 == "\n" || $0 == " " }) else {
            throw ProbeError(.malformedResponse)
        }
        let connection = try await LoopbackConnection.open(port: port, deadline: deadline)
        let request = "GET \(target) HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\nUser-Agent: kernel-runner\r\nConnection: close\r\n\r\n"
        try await connection.send(Array(request.utf8), deadline: deadline)
        var head: [UInt8] = []
        while !head.contains(UInt8(ascii: "\n")), head.count < 4096 {
            let chunk = try await connection.receive(upTo: 1024, deadline: deadline)
            if chunk.isEmpty { break }
            head += chunk
        }
        return try statusCode(ofResponse: head)
    }

    /// The code of a status line such as `HTTP/1.1 200 OK`.
    static func statusCode(ofResponse head: [UInt8]) throws(ProbeError) -> Int {
        let line = String(decoding: head.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        let parts = line.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), parts[1].count == 3, let code = Int(parts[1]) else {
            throw ProbeError(.malformedResponse)
        }
        return code
    }
}
