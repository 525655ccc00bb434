import Glibc

/// The daemon's own environment, read from `environ` (Foundation's `ProcessInfo` would be linked
/// in for this one dictionary).
public enum ProcessEnvironment {
    /// Every `NAME=value` entry; for a name listed twice, the first, as `getenv` finds it.
    public static var variables: [String: String] {
        var variables: [String: String] = [:]
        var entry: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
                let name = String(text[..<equals])
                if variables[name] == nil {
                    variables[name] = String(text[text.index(after: equals)...])
                }
            }
            entry += 1
        }
        return variables
    }
}
