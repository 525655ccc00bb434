import Testing

@testable import ProcessSupervision

/// The environment of the last spawn, laid out for `execve`, serves the next one with the same
/// variables.
@Suite("Environment blocks")
struct EnvironmentBlockTests {
    /// The block's `KEY=value` strings.
    private func strings(of block: EnvironmentBlock) -> Set<String> {
        var strings: Set<String> = []
        var entry = block.strings.baseAddress
        while let string = entry.pointee {
            strings.insert(String(cString: string))
            entry += 1
        }
        return strings
    }

    @Test func theSameVariablesReuseTheBlock() {
        let variables = ["PATH": "/usr/bin:/bin", "HOME": "/home/work", "EMPTY": ""]
        let first = EnvironmentBlock.of(variables)
        #expect(EnvironmentBlock.of(variables) === first)
        #expect(strings(of: first) == ["PATH=/usr/bin:/bin", "HOME=/home/work", "EMPTY="])
    }

    @Test func otherVariablesGetTheirOwnBlock() {
        let first = EnvironmentBlock.of(["A": "1"])
        let second = EnvironmentBlock.of(["A": "2", "é": "ü=ü"])
        #expect(second !== first)
        #expect(strings(of: second) == ["A=2", "é=ü=ü"])
        #expect(strings(of: EnvironmentBlock.of(["A": "1"])) == ["A=1"])
    }
}
