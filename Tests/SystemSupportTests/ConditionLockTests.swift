import SystemSupport
import TestSupport
import Testing

@Suite("Condition lock")
struct ConditionLockTests {
    @Test func aTimedWaitReturnsFalseAtItsDeadline() {
        let lock = ConditionLock(false)
        let started = ContinuousClock.now
        #expect(!lock.wait(until: { $0 }, timeout: .milliseconds(50)))
        // A lower bound: the wait lasts its whole timeout, however fast or slow the machine.
        #expect(ContinuousClock.now - started >= .milliseconds(50))
    }

    @Test func aWaiterWakesWhenAnotherThreadChangesTheState() throws {
        let lock = ConditionLock(0)
        try OSThread.detach(name: "test-setter") {
            lock.withLock { $0 = 42 }
            lock.broadcast()
        }
        #expect(lock.wait(until: { $0 == 42 }, timeout: TimeBound.hang(after: .seconds(10))))
        #expect(lock.withLock(when: { $0 == 42 }) { $0 } == 42)
    }
}
