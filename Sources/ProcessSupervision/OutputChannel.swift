import Glibc

/// One output stream of a run, read in bursts and cut at character boundaries.
struct OutputChannel {
    /// The most one burst reads before the chunk is delivered; bounds buffering.
    static let burstLimit = ProcessOutput.frameLimit

    let fileDescriptor: Int32
    /// True for the terminal master, whose output starts with the echo of the daemon's input.
    let isTerminal: Bool
    private let makeOutput: @Sendable ([UInt8]) -> ProcessOutput
    private(set) var isOpen = true
    /// Whether the stream was read to its end (not abandoned, not broken): nothing holds its
    /// other end any more.
    private(set) var hasReachedEnd = false
    /// Until when the loop leaves the stream alone to let output accumulate; nil: read it as
    /// soon as it has data.
    var restsUntil: ContinuousClock.Instant?
    /// The start of a character whose remaining bytes have not arrived yet.
    private var heldBack: [UInt8] = []

    init(fileDescriptor: Int32, isTerminal: Bool = false, makeOutput: @escaping @Sendable ([UInt8]) -> ProcessOutput) {
        self.fileDescriptor = fileDescriptor
        self.isTerminal = isTerminal
        self.makeOutput = makeOutput
    }

    /// Reads until the descriptor would block, reaches its end, or `buffer` is full; returns
    /// how many bytes arrived at its start. A pseudo-terminal master reports its end as EIO.
    mutating func readBurst(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        var count = 0
        while isOpen, count < buffer.count {
            let received = read(fileDescriptor, buffer.baseAddress! + count, buffer.count - count)
            if received > 0 {
                count += received
            } else if received == 0 {
                isOpen = false
                hasReachedEnd = true
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                break
            } else if errno != EINTR {
                isOpen = false
                hasReachedEnd = errno == EIO && isTerminal
            }
        }
        return count
    }

    /// Turns freshly read bytes into a chunk that ends on a character boundary,
    /// or `nil` if there is nothing to deliver yet. At the end of the stream
    /// everything is released. The bytes are copied once, into the chunk.
    mutating func chunk(completing bytes: UnsafeRawBufferPointer) -> ProcessOutput? {
        guard !bytes.isEmpty || !heldBack.isEmpty else { return nil }
        let held = heldBack
        var chunk = [UInt8](unsafeUninitializedCapacity: held.count + bytes.count) { storage, count in
            let target = UnsafeMutableRawBufferPointer(storage)
            target.copyBytes(from: held)
            UnsafeMutableRawBufferPointer(rebasing: target[held.count...]).copyMemory(from: bytes)
            count = held.count + bytes.count
        }
        heldBack = []
        if isOpen {
            let incomplete = UTF8Boundary.incompleteSuffixLength(of: chunk)
            if incomplete > 0 {
                heldBack = Array(chunk.suffix(incomplete))
                chunk.removeLast(incomplete)
            }
        }
        return chunk.isEmpty ? nil : makeOutput(chunk)
    }

    /// Gives up on the stream (an escaped process still holds it open).
    mutating func abandon() {
        isOpen = false
    }
}
