import Glibc
import SystemSupport
import Testing

@Suite("Wake-up descriptor")
struct WakeupDescriptorTests {
    @Test func aSignalMakesItReadableUntilDrained() throws {
        let wakeup = try WakeupDescriptor()
        var descriptor = pollfd(fd: wakeup.fileDescriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&descriptor, 1, 0) == 0)
        wakeup.signal()
        wakeup.signal()
        #expect(poll(&descriptor, 1, 0) == 1)
        wakeup.drain()
        #expect(poll(&descriptor, 1, 0) == 0)
    }
}
