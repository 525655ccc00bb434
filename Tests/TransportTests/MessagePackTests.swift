import MessagePack
import Testing

@Suite("MessagePack")
struct MessagePackTests {
    @Test("the status reply encodes as a float64 map and decodes back")
    func statusReply() throws {
        let reply: MessagePackValue = ["started_at": 12.5]
        let bytes = reply.encode()

        // fixmap(1), fixstr(10) "started_at", float64 — what Python's msgpack produces too.
        #expect(bytes.prefix(2) == [0x81, 0xaa])
        #expect(bytes[12] == 0xcb)
        #expect(bytes.count == 21)
        let decoded = try MessagePackValue.decode(bytes)
        #expect(decoded == reply)
        #expect(decoded["started_at"]?.doubleValue == 12.5)
    }

    @Test(
        "values survive a round trip",
        arguments: [
            nil, true, false, 0, 127, 128, -1, -33, .int(.min), .uint(.max), 0.1, -1.5e300,
            "", "naïve 文字", .binary([]), .binary([0, 1, 2, 255]),
            [1, "two", [3.0, nil]], ["a": 1, "b": ["c": false]], [1: "integer key"],
            .extension(type: -1, data: [1, 2, 3, 4]),
        ] as [MessagePackValue])
    func roundTrip(value: MessagePackValue) throws {
        #expect(try MessagePackValue.decode(value.encode()) == value)
    }

    @Test(
        "invalid input throws instead of trapping",
        arguments: [
            ([], .truncated),
            ([0xc1], .malformed),
            ([0x81, 0xaa], .truncated),
            ([0xcb, 0x40, 0x29], .truncated),
            ([0xdb, 0xff, 0xff, 0xff, 0xff], .truncated),
            ([0x01, 0x02], .trailingBytes),
            (Array(repeating: 0x91, count: 100) + [0xc0], .limitExceeded),
        ] as [([UInt8], MessagePackError.Code)])
    func invalidInput(bytes: [UInt8], code: MessagePackError.Code) {
        #expect(throws: MessagePackError(code: code, inputLength: bytes.count)) {
            try MessagePackValue.decode(bytes)
        }
    }

    @Test("a container claiming billions of elements fails cleanly")
    func hugeDeclaredLength() {
        #expect(throws: MessagePackError.self) {
            try MessagePackValue.decode([0xdd, 0xff, 0xff, 0xff, 0xff, 0xc0])
        }
    }

    @Test("every strict prefix of a valid encoding is reported as truncated")
    func everyPrefixIsTruncated() {
        let value: MessagePackValue = ["started_at": 12.5, "tags": ["x", .binary([1, 2])], "n": -300]
        let bytes = value.encode()
        for length in 0..<bytes.count {
            #expect(throws: MessagePackError(code: .truncated, inputLength: length)) {
                try MessagePackValue.decode(Array(bytes.prefix(length)))
            }
        }
    }
}
