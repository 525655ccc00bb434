import KernelProtocol

/// Messages the daemon must drop without answering and without disturbing any run: wrong frame
/// counts, unknown or unprintable ops, payloads that are not UTF-8 or not the JSON their op
/// needs.
enum GarbageMessages {
    /// Ops that would act on a run if a malformed message were mistaken for them.
    private static let knownOps: [Op] = [.exec, .code, .input, .interrupt, .status, .complete, .startService, .getApps]
    private static let textOps: [Op] = [.clean, .build, .exec, .code, .input, .getApps]
    private static let jsonOps: [Op] = [.complete, .event, .startService, .shutdownService, .startModelService]

    /// A random malformed message.
    static func random(using random: inout SeededGenerator) -> [[UInt8]] {
        let op = Array(knownOps.randomElement(using: &random)!.rawValue.utf8)
        switch Int.random(in: 0..<7, using: &random) {
        case 0:
            // ZeroMQ cannot carry a message of no frames; one empty frame is the nearest.
            return [[]]
        case 1:
            return [op]
        case 2:
            return [op, [], bytes(using: &random)]
        case 3:
            return [Array("no-such-op-\(UInt16.random(in: 0...UInt16.max, using: &random))".utf8), bytes(using: &random)]
        case 4:
            return [Array(textOps.randomElement(using: &random)!.rawValue.utf8), notUTF8(using: &random)]
        case 5:
            // A letter first: whatever follows, the payload is not JSON.
            return [
                Array(jsonOps.randomElement(using: &random)!.rawValue.utf8), Array("x".utf8) + bytes(using: &random).map { $0 % 95 + 32 },
            ]
        default:
            return [op + [UInt8.random(in: 0..<0x20, using: &random)], bytes(using: &random)]
        }
    }

    /// A payload of `count` bytes that is not UTF-8 anywhere it is cut (0xFF never occurs in
    /// UTF-8).
    static func hugeNotUTF8(count: Int) -> [UInt8] {
        [UInt8](repeating: 0xFF, count: count)
    }

    private static func bytes(using random: inout SeededGenerator) -> [UInt8] {
        (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...UInt8.max, using: &random) }
    }

    private static func notUTF8(using random: inout SeededGenerator) -> [UInt8] {
        var payload = bytes(using: &random)
        payload.insert(0xFF, at: Int.random(in: 0...payload.count, using: &random))
        return payload
    }
}
