import Testing

@testable import ProcessSupervision

@Suite("UTF-8 boundaries and echo filtering")
struct UTF8BoundaryTests {
    @Test(
        arguments: [
            ([0x61], 0),
            ([0x61, 0xE2], 1),
            ([0x61, 0xE2, 0x82], 2),
            ([0xE2, 0x82, 0xAC], 0),
            ([0xF0, 0x9F, 0x98], 3),
            ([0xF0, 0x9F, 0x98, 0x80], 0),
            ([0xC3], 1),
            ([0xFF], 0),
            ([0x80, 0x80, 0x80, 0x80], 0),
        ] as [([UInt8], Int)])
    func incompleteSuffix(bytes: [UInt8], held: Int) {
        #expect(UTF8Boundary.incompleteSuffixLength(of: bytes) == held)
    }

    @Test(arguments: [4, 5, 6, 7, 64])
    func piecesEndOnCharactersAndKeepEveryByte(limit: Int) {
        let text = Array(String(repeating: "a😀éb€", count: 40).utf8)
        let pieces = UTF8Boundary.pieces(of: text, atMost: limit)
        #expect(pieces.allSatisfy { $0.count <= limit && !$0.isEmpty })
        #expect(pieces.allSatisfy { String(validating: Array($0), as: UTF8.self) != nil })
        #expect(Array(pieces.joined()) == text)
    }

    @Test func invalidBytesAreCutAtTheLimit() {
        let bytes: [UInt8] = Array(repeating: 0x80, count: 10)
        #expect(UTF8Boundary.pieces(of: bytes, atMost: 4).map(\.count) == [4, 4, 2])
        #expect(UTF8Boundary.pieces(of: bytes, atMost: 16).map(\.count) == [10])
    }

    @Test func echoIsRemovedAcrossChunks() {
        var filter = EchoFilter()
        filter.expect(Array("Bob\n".utf8))
        #expect(filter.echoLength(atStartOf: Array("Bo".utf8)) == 2)
        #expect(filter.echoLength(atStartOf: Array("b\nhi".utf8)) == 2)
        #expect(filter.echoLength(atStartOf: Array("Bob".utf8)) == 0)
    }

    @Test func echoExpectationIsDroppedAtFirstMismatch() {
        var filter = EchoFilter()
        filter.expect(Array("secret\n".utf8))
        #expect(filter.echoLength(atStartOf: Array("\ngot secret\n".utf8)) == 0)
        #expect(filter.echoLength(atStartOf: Array("secret".utf8)) == 0)
        filter.expect(Array("Bob\n".utf8))
        #expect(filter.echoLength(atStartOf: Array("Bx".utf8)) == 1)
        #expect(filter.echoLength(atStartOf: Array("ob\n".utf8)) == 0)
    }
}
