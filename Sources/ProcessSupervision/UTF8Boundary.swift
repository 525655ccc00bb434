/// Where to cut output so that no chunk ends inside a UTF-8 character.
package enum UTF8Boundary {
    /// The length (0-3) of a trailing sequence that starts like a multi-byte
    /// character but is still missing bytes. Invalid bytes are never held back.
    static func incompleteSuffixLength(of bytes: [UInt8]) -> Int {
        var continuationBytes = 0
        for index in bytes.indices.reversed() {
            let byte = bytes[index]
            if byte & 0xC0 == 0x80 {
                continuationBytes += 1
                guard continuationBytes < 4 else { return 0 }
                continue
            }
            let length: Int
            switch byte {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return 0
            }
            let available = continuationBytes + 1
            return available < length ? available : 0
        }
        return 0
    }

    /// `bytes` cut into pieces of at most `limit` bytes (at least 4), each ending on a character
    /// boundary when the bytes are valid UTF-8; one piece when they already fit.
    package static func pieces(of bytes: [UInt8], atMost limit: Int) -> [ArraySlice<UInt8>] {
        var pieces: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        while bytes.endIndex - start > limit {
            var end = start + limit
            // Back up over at most three continuation bytes to the start of their character.
            var backed = 0
            while backed < 3, bytes[end] & 0xC0 == 0x80 {
                end -= 1
                backed += 1
            }
            if bytes[end] & 0xC0 == 0x80 { end = start + limit }
            pieces.append(bytes[start..<end])
            start = end
        }
        pieces.append(bytes[start...])
        return pieces
    }
}
