import Glibc

/// A NULL-terminated `char *[]` whose strings live until the array is released.
///
/// Pointers and strings share one allocation, filled by copying UTF-8 bytes: a spawn builds two
/// of these (arguments, environment), and one `malloc` each beats one per string plus the
/// `"key=value"` Strings an environment would need first.
struct CStringArray: ~Copyable {
    private let pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

    /// The array of `strings`.
    init(_ strings: [String]) {
        let byteCount = strings.reduce(0) { $0 + $1.utf8.count + 1 }
        var writer = Writer(count: strings.count, byteCount: byteCount)
        for string in strings {
            writer.append(string)
        }
        pointers = writer.finish()
    }

    /// An environment: `key=value` for each variable.
    init(environment: [String: String]) {
        let byteCount = environment.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 2 }
        var writer = Writer(count: environment.count, byteCount: byteCount)
        for (key, value) in environment {
            writer.append(key, value)
        }
        pointers = writer.finish()
    }

    deinit {
        pointers.deallocate()
    }

    var baseAddress: UnsafePointer<UnsafeMutablePointer<CChar>?> {
        UnsafePointer(pointers)
    }

    /// Lays out `count` pointers, their NULL, then the strings they point to.
    private struct Writer {
        let pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
        var next: UnsafeMutablePointer<CChar>
        var index = 0

        init(count: Int, byteCount: Int) {
            let pointerBytes = (count + 1) * MemoryLayout<UnsafeMutablePointer<CChar>?>.stride
            let raw = UnsafeMutableRawPointer.allocate(
                byteCount: pointerBytes + byteCount, alignment: MemoryLayout<UnsafeMutablePointer<CChar>?>.alignment)
            pointers = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: count + 1)
            next = (raw + pointerBytes).bindMemory(to: CChar.self, capacity: byteCount)
        }

        /// Appends `first`, or `first=second`, as the next string.
        mutating func append(_ first: String, _ second: String? = nil) {
            pointers[index] = next
            index += 1
            copy(first)
            if let second {
                next.pointee = CChar(UInt8(ascii: "="))
                next += 1
                copy(second)
            }
            next.pointee = 0
            next += 1
        }

        private mutating func copy(_ string: String) {
            var string = string
            let destination = next
            next += string.withUTF8 { bytes in
                if let base = bytes.baseAddress {
                    UnsafeMutableRawPointer(destination).copyMemory(from: base, byteCount: bytes.count)
                }
                return bytes.count
            }
        }

        func finish() -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> {
            pointers[index] = nil
            return pointers
        }
    }
}
