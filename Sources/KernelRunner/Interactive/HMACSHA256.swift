import KernelRunnerCore

/// HMAC-SHA256 (RFC 2104): the signature scheme of Jupyter's wire protocol.
struct HMACSHA256: Sendable {
    /// The hashes after the key's inner and outer blocks: every message continues from them.
    private let inner: SHA256
    private let outer: SHA256

    init(key: [UInt8]) {
        var block = key.count > SHA256.blockSize ? SHA256.hash(key) : key
        block += [UInt8](repeating: 0, count: SHA256.blockSize - block.count)
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        (self.inner, self.outer) = (inner, outer)
    }

    /// The MAC of the concatenation of `parts`.
    func authenticationCode(for parts: [[UInt8]]) -> [UInt8] {
        var inner = self.inner
        for part in parts {
            inner.update(part)
        }
        var outer = self.outer
        outer.update(inner.finalize())
        return outer.finalize()
    }

    /// The MAC as lowercase hex, as Jupyter puts it in the signature frame.
    func hexSignature(for parts: [[UInt8]]) -> String {
        SHA256.hex(authenticationCode(for: parts))
    }

    /// Compares a received hex signature in constant time, so timing reveals nothing about it.
    func isValid(signature: [UInt8], for parts: [[UInt8]]) -> Bool {
        let expected = Array(hexSignature(for: parts).utf8)
        guard signature.count == expected.count else { return false }
        return zip(signature, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
