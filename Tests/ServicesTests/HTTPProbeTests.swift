import TestSupport
import Testing

@testable import KernelRunnerCore
@testable import KernelRunnerServices

@Suite("HTTP health probe")
struct HTTPProbeTests {
    @Test func readsTheStatusLine() throws {
        #expect(try HTTPProbe.statusCode(ofResponse: Array("HTTP/1.0 200 OK\r\nServer: x\r\n".utf8)) == 200)
        #expect(try HTTPProbe.statusCode(ofResponse: Array("HTTP/1.1 503 Service Unavailable\r\n".utf8)) == 503)
        #expect(throws: ProbeError.self) { try HTTPProbe.statusCode(ofResponse: Array("SSH-2.0-dropbear\r\n".utf8)) }
        #expect(throws: ProbeError.self) { try HTTPProbe.statusCode(ofResponse: []) }
    }

    @Test func failsFastWhenNothingListens() async throws {
        let port = try freePort()
        let error = await #expect(throws: ProbeError.self) {
            try await HTTPProbe.status(port: port, path: "/", timeout: TimeBound.hang(after: .seconds(2)))
        }
        #expect(error?.code == .connect)
    }

    @Test func refusesPathsThatWouldForgeHeaders() async throws {
        await #expect(throws: ProbeError.self) {
            try await HTTPProbe.status(port: 1, path: "/a\r\nX: y", timeout: TimeBound.hang(after: .seconds(1)))
        }
    }
}
