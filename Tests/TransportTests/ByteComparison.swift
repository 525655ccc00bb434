import Glibc

extension [UInt8] {
    /// Byte equality through `memcmp`; `==` compares element by element in debug builds, which
    /// takes seconds for the 64 MiB payloads.
    func hasSameBytes(as other: [UInt8]) -> Bool {
        count == other.count
            && withUnsafeBytes { lhs in
                other.withUnsafeBytes { rhs in isEmpty || memcmp(lhs.baseAddress!, rhs.baseAddress!, count) == 0 }
            }
    }
}
