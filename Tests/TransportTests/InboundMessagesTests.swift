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
}
