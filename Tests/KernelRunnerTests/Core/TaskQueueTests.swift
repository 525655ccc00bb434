@testable import KernelRunner
import Testing

@Suite("Task queue")
struct TaskQueueTests {
    @Test func tasksComeOutInOrderAndAWaitingWorkerGetsTheNextOne() async {
        let queue = TaskQueue()
        queue.add(.exec("first"))
        queue.add(.build("second"))
        #expect(await queue.next().map(String.init(describing:)) == "exec(\"first\")")
        #expect(await queue.next().map(String.init(describing:)) == "build(\"second\")")
        async let waiting = queue.next()
        try? await Task.sleep(for: .milliseconds(20))
        queue.add(.code("third"))
        #expect(await waiting.map(String.init(describing:)) == "code(\"third\")")
    }

    @Test func finishServesWhatIsQueuedThenEnds() async {
        let queue = TaskQueue()
        for index in 0..<100 {
            queue.add(.exec("\(index)"))
        }
        queue.finish()
        queue.add(.exec("too late"))
        var served = 0
        while await queue.next() != nil {
            served += 1
        }
        #expect(served == 100)
        #expect(await queue.next() == nil)
    }

    @Test func finishWakesAWaitingWorker() async {
        let queue = TaskQueue()
        async let waiting = queue.next()
        try? await Task.sleep(for: .milliseconds(20))
        queue.finish()
        #expect(await waiting == nil)
    }
}
