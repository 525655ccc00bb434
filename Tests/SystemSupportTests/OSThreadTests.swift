import Glibc
import TestSupport
import Testing

@testable import SystemSupport

@Suite("OS threads")
struct OSThreadTests {
    /// The name `ps` shows, and the signal mask: only synchronous faults may reach the thread.
    @Test func threadsAreNamedAndBlockAsynchronousSignals() throws {
        let seen = ConditionLock<(name: String, blocksTerm: Bool)?>(nil)
        let thread = try OSThread.start(name: "test-named") {
            var mask = sigset_t()
            pthread_sigmask(SIG_BLOCK, nil, &mask)
            let name = FileSystem.text(of: "/proc/thread-self/comm") ?? ""
            seen.withLock { $0 = (name, sigismember(&mask, SIGTERM) == 1) }
        }
        thread.join()
        let result = try #require(seen.withLock { $0 })
        #expect(result.name == "test-named\n")
        #expect(result.blocksTerm)
    }

    /// A detached thread that finished waits for the next work instead of ending.
    @Test func detachedThreadsAreReused() throws {
        let threads = ConditionLock<[pthread_t]>([])
        for count in 0..<5 {
            try OSThread.detach(name: "test-pooled") {
                threads.withLock { $0.append(pthread_self()) }
                threads.broadcast()
            }
            // One at a time, so each finds the previous one waiting.
            #expect(threads.wait(until: { $0.count == count + 1 }, timeout: TimeBound.hang(after: .seconds(10))))
            #expect(OSThread.Pool.waitForIdleThread(timeout: TimeBound.hang(after: .seconds(10))))
        }
        let distinct = threads.withLock { $0 }.reduce(into: [pthread_t]()) { unique, thread in
            if !unique.contains(where: { pthread_equal($0, thread) != 0 }) { unique.append(thread) }
        }
        #expect(distinct.count < 5)
    }
}
