import Glibc

/// One output stream of a run, read in bursts and cut at character boundaries.
struct OutputChannel {
    /// The most one burst reads before the chunk is delivered; bounds buffering.
    static let burstLimit = 64 * 1024

    let fileDescriptor: Int32
    private let makeOutput: @Sendable ([UInt8]) -> ProcessOutput
    private(set) var isOpen = true
    /// The start of a character whose remaining bytes have not arrived yet.
    private var heldBack: [UInt8] = []

    init(fileDescriptor: Int32, makeOutput: @escaping @Sendable ([UInt8]) -> ProcessOutput) {
        self.fileDescriptor = fileDescriptor
        self.makeOutput = makeOutput
    }

    /// Reads until the descriptor would block, reaches its end, or ``burstLimit``
    /// bytes arrived. A pseudo-terminal master reports its end as EIO.
    mutating func readBurst(into buffer: UnsafeMutableRawBufferPointer) -> [UInt8] {
        var count = 0
        while isOpen, count < buffer.count {
            let received = read(fileDescriptor, buffer.baseAddress! + count, buffer.count - count)
            if received > 0 {
                count += received
            } else if received == 0 {
                isOpen = false
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                break
            } else if errno != EINTR {
                isOpen = false
            }
        }
        return Array(buffer.prefix(count))
    }

    /// Turns freshly read bytes into a chunk that ends on a character boundary,
    /// or `nil` if there is nothing to deliver yet. At the end of the stream
    /// everything is released.
    mutating func chunk(completing bytes: [UInt8]) -> ProcessOutput? {
        var chunk = heldBack + bytes
        heldBack = []
        if isOpen {
            let incomplete = UTF8Boundary.incompleteSuffixLength(of: chunk)
            heldBack = Array(chunk.suffix(incomplete))
            chunk.removeLast(incomplete)
        }
        return chunk.isEmpty ? nil : makeOutput(chunk)
    }

    /// Gives up on the stream (an escaped process still holds it open).
    mutating func abandon() {
        isOpen = false
    }
}
