import KernelTransport
import Testing

@Suite("Transport setup", .timeLimit(.minutes(1)))
struct TransportSetupTests {
    @Test("ephemeral ports resolve to concrete loopback endpoints")
    func ephemeralEndpoints() throws {
        let transport = try makeRunnerTransport()
        defer { transport.shutdown(linger: .zero) }

        for endpoint in [transport.inputEndpoint, transport.outputEndpoint] {
            #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
            #expect(!endpoint.hasSuffix(":*") && !endpoint.hasSuffix(":0"))
        }
        #expect(transport.inputEndpoint != transport.outputEndpoint)
    }

    @Test("binding a port in use throws a bind error naming the endpoint")
    func portInUse() throws {
        let first = try makeRunnerTransport()
        defer { first.shutdown(linger: .zero) }
        let busyPort = try #require(Int(first.inputEndpoint.split(separator: ":").last ?? ""))

        let error = try #require(throws: TransportError.self) {
            _ = try makeRunnerTransport { $0.inputPort = busyPort }
        }
        #expect(error.code == .bind)
        #expect(error.description.contains("tcp://127.0.0.1:\(busyPort)"))
    }
}
