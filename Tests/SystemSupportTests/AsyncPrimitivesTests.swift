import Synchronization
import SystemSupport
import TestSupport
import Testing

@Suite("Async lock and latch")
struct AsyncPrimitivesTests {
    private final class Log: Sendable {
        private let entries = Mutex<[String]>([])
        var all: [String] { entries.withLock { $0 } }
        func append(_ entry: String) { entries.withLock { $0.append(entry) } }
    }

    @Test func lockRunsHoldersOneAtATime() async {
        let lock = AsyncLock()
        let log = Log()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<5 {
                group.addTask {
                    await lock.withLock {
                        log.append("in \(index)")
                        // Held across a suspension: without the lock another holder would get in.
                        try? await Task.sleep(for: .milliseconds(10))
                        log.append("out \(index)")
                    }
                }
            }
        }
        let entries = log.all
        #expect(entries.count == 10)
        for pair in stride(from: 0, to: entries.count, by: 2) {
            #expect(entries[pair].dropFirst(3) == entries[pair + 1].dropFirst(4), "holders overlapped: \(entries)")
        }
    }

    @Test func latchTimesOutThenDelivers() async {
        let latch = Latch<Int>()
        // Nothing fulfils it: the wait can only end at its timeout.
        #expect(await latch.wait(timeout: TimeBound.quiet(for: .milliseconds(20))) == nil)
        async let fulfilled: Void = {
            // A latch fulfilled while someone waits, or (on a slow machine) before: both deliver.
            try? await Task.sleep(for: .milliseconds(20))
            latch.fulfil(7)
        }()
        #expect(await latch.wait(timeout: TimeBound.hang(after: .seconds(5))) == 7)
        await fulfilled
        latch.fulfil(8)
        #expect(latch.value == 7)
    }

    @Test func taskValueWithinGivesUpWithoutCancellingTheTask() async {
        let slow = Task { () -> Int in
            // The slow task the deadline is about.
            try? await Task.sleep(for: .seconds(2))
            return 1
        }
        let started = ContinuousClock.now
        // The deadline is the scenario: far before the task's end.
        #expect(await slow.value(within: .milliseconds(20)) == nil)
        #expect(ContinuousClock.now - started < TimeBound.taskValueDeadline)
        #expect(await slow.value == 1)
    }
}
