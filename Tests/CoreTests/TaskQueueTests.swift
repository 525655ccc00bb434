import TestSupport
import Testing

@testable import KernelRunnerCore

@Suite("Task queue")
struct TaskQueueTests {
    @Test func tasksComeOutInOrderAndAWaitingWorkerGetsTheNextOne() async {
        let queue = TaskQueue()
        queue.add(.exec("first"))
        queue.add(.build("second"))
        #expect(await queue.next().map(String.init(describing:)) == "exec(\"first\")")
        #expect(await queue.next().map(String.init(describing:)) == "build(\"second\")")
        async let waiting = queue.next()
        #expect(await eventually { queue.hasWaitingWorker })
        queue.add(.code("third"))
        #expect(await waiting.map(String.init(describing:)) == "code(\"third\")")
    }

    @Test func finishDropsWhatIsNotStartedAndEnds() async {
        let queue = TaskQueue()
        for index in 0..<100 {
            queue.add(.exec("\(index)"))
        }
        #expect(await queue.next() != nil)
        #expect(queue.finish() == 99)
        queue.add(.exec("too late"))
        #expect(await queue.next() == nil)
    }

    @Test func finishWakesAWaitingWorker() async {
        let queue = TaskQueue()
        async let waiting = queue.next()
        #expect(await eventually { queue.hasWaitingWorker })
        queue.finish()
        #expect(await waiting == nil)
    }
}
