import Glibc

/// What a run's standard input is, in a form that can be compared with the
/// descriptors of any process of the run.
///
/// Descriptor numbers are not compared: programs duplicate stdin or reopen the
/// terminal by name (libuv does), so matching uses the `/proc/<pid>/fd/<n>` link
/// target instead.
public struct StandardInputIdentity: Sendable, Equatable {
    /// The link target of the input, e.g. `/dev/pts/3` or `pipe:[81234]`.
    public var linkTarget: String
    /// The terminal's device number in the encoding of the `tty_nr` field of
    /// `/proc/<pid>/stat`, when the input is a terminal. A descriptor opened as
    /// `/dev/tty` matches when this is the opening process's controlling terminal.
    public var terminalDevice: UInt64?

    /// Creates an identity from its parts.
    public init(linkTarget: String, terminalDevice: UInt64? = nil) {
        self.linkTarget = linkTarget
        self.terminalDevice = terminalDevice
    }

    /// Describes the object behind one of the calling process's descriptors
    /// (the daemon's own end or copy of the run's stdin); `nil` if it cannot be read.
    public init?(describing fileDescriptor: Int32) {
        guard let target = ProcFS.linkTarget(of: "/proc/self/fd/\(fileDescriptor)") else {
            return nil
        }
        var info = stat()
        guard fstat(fileDescriptor, &info) == 0 else { return nil }
        self.linkTarget = target
        self.terminalDevice = isatty(fileDescriptor) == 1 ? Self.kernelEncoding(of: UInt64(info.st_rdev)) : nil
    }

    /// Converts glibc's `dev_t` layout to the kernel's `new_encode_dev` layout.
    private static func kernelEncoding(of device: UInt64) -> UInt64 {
        let major = ((device >> 8) & 0xfff) | ((device >> 32) & ~0xfff)
        let minor = (device & 0xff) | ((device >> 12) & ~0xff)
        return (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12)
    }

    /// Whether a descriptor of process `pid` whose link target is `target` is this input.
    func matches(linkTarget target: String, process pid: Int32) -> Bool {
        if target == linkTarget { return true }
        guard target == "/dev/tty", let terminalDevice else { return false }
        return ProcessStat(pid: pid)?.terminal == terminalDevice
    }
}
