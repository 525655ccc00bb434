import Glibc

/// A NULL-terminated `char *[]` whose strings live until the array is released.
struct CStringArray: ~Copyable {
    private let pointers: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    private let count: Int

    init(_ strings: [String]) {
        count = strings.count
        pointers = .allocate(capacity: count + 1)
        for (index, string) in strings.enumerated() {
            pointers[index] = strdup(string)
        }
        pointers[count] = nil
    }

    deinit {
        for index in 0..<count {
            free(pointers[index])
        }
        pointers.deallocate()
    }

    var baseAddress: UnsafePointer<UnsafeMutablePointer<CChar>?> {
        UnsafePointer(pointers)
    }
}
