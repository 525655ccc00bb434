import Glibc
import SystemSupport

/// Why the compile cache could not read or keep an entry. Never the user's problem: the snippet
/// is compiled as without a cache, and the daemon logs the reason.
struct CompileCacheError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable {
        /// The cache directory cannot be created, listed or changed.
        case directory
        /// The cache directory belongs to another user or others may enter it: what it holds
        /// would run as this user.
        case unsafeDirectory
        /// An entry or a snippet file cannot be read or written.
        case file
        /// An entry is not one this daemon wrote (damaged, or of another format).
        case malformedEntry
        /// The compiler left something other than regular files and directories.
        case unsupportedFile
        /// The compiler's files or output are larger than an entry may be.
        case tooLarge
    }

    let code: Code
    /// The `errno` of the failed call; 0 when no call failed.
    let errno: Int32
    let path: String

    init(_ code: Code, errno: Int32 = 0, path: String) {
        self.code = code
        self.errno = errno
        self.path = path
    }

    init(_ code: Code, _ error: SystemError) {
        self.init(code, errno: error.errno, path: error.path ?? "")
    }

    /// What `body` returns, its ``SystemError`` turned into one of ours with `code`.
    static func mapping<Value>(_ code: Code, _ body: () throws(SystemError) -> Value) throws(CompileCacheError) -> Value {
        do {
            return try body()
        } catch {
            throw CompileCacheError(code, error)
        }
    }

    var description: String {
        let reason = errno == 0 ? "" : ": \(String(cString: strerror(errno)))"
        return "\(code) \(path)\(reason)"
    }
}
