import KernelProtocol
import KernelTransport
import SystemSupport
import TestSupport
import Testing

@Suite("Transport executor", .timeLimit(.minutes(1)))
struct TransportExecutorTests {
    /// The calling thread's name, as `ps -L` shows it.
    private static func threadName() -> String {
        String(FileSystem.text(of: "/proc/thread-self/comm")?.split(separator: "\n").first ?? "")
    }

    @Test func aTaskThatPrefersItRunsOnTheTransportThreadAlsoAfterASuspension() async throws {
        let transport = try makeRunnerTransport()
        defer { transport.shutdown(linger: .zero) }
        let names = await Task(executorPreference: transport.executor) {
            let before = Self.threadName()
            try? await Task.sleep(for: .milliseconds(10))
            return [before, Self.threadName()]
        }.value
        #expect(names == ["kr-transport", "kr-transport"])
    }

    /// A receive loop handing each message to a worker task that replies, both on the transport
    /// thread, as the daemon runs them: the jobs and frames that thread queues wake nobody, and
    /// must still run and go out.
    @Test func repliesQueuedOnTheTransportThreadReachTheAgent() async throws {
        let transport = try makeRunnerTransport()
        defer { transport.shutdown(linger: .zero) }
        let agent = try transport.connectRawAgent()
        let (requests, queue) = AsyncStream.makeStream(of: WireMessage.self)
        let loop = Task(executorPreference: transport.executor) {
            for await message in transport.inbound {
                queue.yield(message)
            }
        }
        let worker = Task(executorPreference: transport.executor) {
            for await request in requests {
                transport.send(WireMessage(.stdout, payload: request.payload))
            }
        }
        defer {
            loop.cancel()
            worker.cancel()
        }
        for index in 0..<200 {
            try agent.send([Array("input".utf8), Array(String(index).utf8)])
            #expect(try await agent.receive()?.last == Array(String(index).utf8))
        }
    }

    @Test func onceTheTransportStoppedItsTasksRunElsewhere() async throws {
        let transport = try makeRunnerTransport()
        transport.shutdown(linger: .zero)
        let name = await Task(executorPreference: transport.executor) { Self.threadName() }.value
        #expect(name != "kr-transport")
    }
}
