/// Removes the terminal's echo of the input the daemon wrote.
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

    /// Returns `output` without the expected echo at its start.
    mutating func filter(_ output: [UInt8]) -> [UInt8] {
        var index = output.startIndex
        while index < output.endIndex, matched < expected.count {
            guard output[index] == expected[matched] else {
                expected = []
                matched = 0
                break
            }
            index += 1
            matched += 1
        }
        if matched == expected.count {
            expected = []
            matched = 0
        }
        return index == output.startIndex ? output : Array(output[index...])
    }
}
