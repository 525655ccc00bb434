import CSeccomp
import Glibc

/// A system call of this architecture, by name and number.
public struct Syscall: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let number: Int32

    /// The syscall called `name`, or nil when this architecture has none.
    public init?(_ name: String) {
        let number = seccomp_syscall_resolve_name(name)
        guard number >= 0 else { return nil }
        self.name = name
        self.number = number
    }

    /// The syscall numbered `number`; its name is the number itself when libseccomp knows none.
    public init(number: Int32) {
        self.number = number
        name = Self.names.indices.contains(Int(number)) ? Self.names[Int(number)] : "syscall \(number)"
    }

    /// Names by number, resolved once: the supervisor names every notified call.
    private static let names: [String] = (0..<1024).map { number in
        guard let name = seccomp_syscall_resolve_num_arch(UInt32(SCMP_ARCH_NATIVE), Int32(number)) else {
            return "syscall \(number)"
        }
        defer { free(name) }
        return String(cString: name)
    }

    public var description: String { name }
}
