import Glibc

/// Checks, without keeping it, a stream of numbered lines `1`, `2`, … (optionally zero-padded to
/// a fixed width): every line present, once, in order, however the stream is cut into frames.
///
/// Gigabytes go through it in a debug build, so lines are found and compared with `memchr` and
/// `memcmp`.
struct CounterLineVerifier {
    /// How many lines matched so far.
    private(set) var linesVerified = 0
    /// The first mismatch, if any; checking stops there.
    private(set) var problem: String?
    /// The digits of the next expected line.
    private var expected: [UInt8]
    /// The start of a line cut by the end of the previous chunk.
    private var partial: [UInt8] = []

    /// - Parameter width: the zero-padded width of every line, or nil for plain numbers
    ///   (`seq`'s default).
    init(width: Int?) {
        let one = Array("1".utf8)
        expected = Array(repeating: UInt8(ascii: "0"), count: max(0, (width ?? 0) - 1)) + one
    }

    /// Checks the next bytes of the stream.
    mutating func consume(_ bytes: some Collection<UInt8>) {
        Array(bytes).withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while problem == nil, start < buffer.count,
                let found = memchr(base + start, Int32(UInt8(ascii: "\n")), buffer.count - start)
            {
                let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if partial.isEmpty {
                    check(UnsafeBufferPointer(rebasing: buffer[start..<end]))
                } else {
                    partial += buffer[start..<end]
                    let line = partial
                    partial = []
                    line.withUnsafeBufferPointer { check($0) }
                }
                start = end + 1
            }
            guard problem == nil else { return }
            partial += buffer[start...]
            if partial.count > expected.count {
                problem = "line \(linesVerified + 1) runs past \(expected.count) bytes"
            }
        }
    }

    private mutating func check(_ line: UnsafeBufferPointer<UInt8>) {
        // `expected` is never empty, so equal counts mean both buffers have storage.
        let matches =
            line.count == expected.count
            && expected.withUnsafeBufferPointer { memcmp($0.baseAddress!, line.baseAddress!, line.count) == 0 }
        guard matches else {
            problem = "line \(linesVerified + 1) is \"\(String(decoding: line, as: UTF8.self))\""
            return
        }
        linesVerified += 1
        increment()
    }

    /// Adds one to the decimal digits in place (amortised O(1)).
    private mutating func increment() {
        var index = expected.count - 1
        while index >= 0, expected[index] == UInt8(ascii: "9") {
            expected[index] = UInt8(ascii: "0")
            index -= 1
        }
        if index >= 0 {
            expected[index] += 1
        } else {
            // 99 → 100; with a fixed width the stream has gone past what it can number.
            expected.insert(UInt8(ascii: "1"), at: 0)
        }
    }
}
