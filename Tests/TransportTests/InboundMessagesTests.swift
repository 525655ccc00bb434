import KernelProtocol
import TestSupport
import Testing

@testable import KernelTransport

/// The queue between the transport thread and the daemon's request loop.
@Suite("Inbound messages", .timeLimit(.minutes(1)))
struct InboundMessagesTests {
    private func message(_ number: Int) -> WireMessage {
        WireMessage(op: Array("exec".utf8), payload: Array(String(number).utf8))
    }

    @Test func messagesReceivedBeforeTheConsumerComeInOrderThenTheEnd() async {
        let inbound = InboundMessages()
        for number in 0..<1000 {
            inbound.yield(message(number))
        }
        inbound.finish()
        inbound.yield(message(1000))
        var received: [WireMessage] = []
        for await message in inbound {
            received.append(message)
        }
        #expect(received == (0..<1000).map(message))
    }

    @Test func aWaitingConsumerGetsTheNextMessage() async {
        let inbound = InboundMessages()
        let consumer = Task { await inbound.next() }
        try? await Task.sleep(for: .milliseconds(20))
        inbound.yield(message(7))
        #expect(await consumer.value == message(7))
    }

    @Test func aCancelledConsumerEndsTheSequence() async {
        let inbound = InboundMessages()
        let consumer = Task { await inbound.next() }
        try? await Task.sleep(for: .milliseconds(20))
        consumer.cancel()
        #expect(await consumer.value == nil)
        inbound.yield(message(1))
        #expect(await inbound.next() == nil)
    }

    @Test func aConsumerCancelledBeforeItWaitsGetsWhatIsBufferedFirst() async {
        let inbound = InboundMessages()
        inbound.yield(message(1))
        let consumer = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return [await inbound.next(), await inbound.next()]
        }
        #expect(await consumer.value == [message(1), nil])
    }

    @Test func aConsumerThatKeepsUpOnlyPartlyLeavesNoGrowingBuffer() async {
        let inbound = InboundMessages()
        var taken = 0
        for number in 0..<100_000 {
            inbound.yield(message(number))
            if number % 2 == 0, let message = await inbound.next() {
                #expect(message == self.message(taken))
                taken += 1
            }
        }
        // 50,000 wait; of the places of the 50,000 taken, fewer than 1,024 are left.
        #expect(inbound.bufferedPlaces < 50_000 + 1024)
    }
}
