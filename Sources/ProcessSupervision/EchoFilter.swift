/// Recognises the terminal's echo of the input the daemon wrote.
///
/// The line discipline echoes every input byte unchanged (no ECHOCTL, no
/// output processing), so the echo is expected as a prefix of the following
/// output. At the first byte that differs (the program switched echo off or
/// printed in between) the expectation is dropped and output passes unchanged.
struct EchoFilter {
    private var expected: [UInt8] = []
    private var matched = 0

    /// Records bytes just written to the terminal while it echoes.
    mutating func expect(_ bytes: some Sequence<UInt8>) {
        expected.removeFirst(matched)
        matched = 0
        expected += bytes
    }

    /// How many bytes at the start of `output` are the expected echo, to be dropped.
    mutating func echoLength(atStartOf output: some Collection<UInt8>) -> Int {
        var length = 0
        for byte in output {
            guard matched < expected.count else { break }
            guard byte == expected[matched] else {
                expected = []
                matched = 0
                return length
            }
            length += 1
            matched += 1
        }
        if matched == expected.count {
            expected = []
            matched = 0
        }
        return length
    }
}
