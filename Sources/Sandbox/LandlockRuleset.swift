import CSandbox
import Glibc

/// A Landlock ruleset being built: the filesystem rights it handles are denied except beneath
/// the paths it allows. A confined child restricts itself to it right before `execve`; the
/// kernel enforces it for that process and everything it starts.
public struct LandlockRuleset: ~Copyable {
    /// The ruleset's descriptor (close-on-exec).
    public let fileDescriptor: Int32
    /// The rights the ruleset handles.
    public let handled: LandlockAccess

    /// A ruleset handling `handled`, limited to what this kernel knows.
    public init(handling handled: LandlockAccess, support: SandboxSupport = .current) throws(SandboxError) {
        guard support.landlockABI > 0 else {
            throw SandboxError(.landlockUnavailable, "this kernel offers no Landlock")
        }
        let effective = handled.intersection(.known(abi: support.landlockABI))
        let fd = krs_landlock_create_ruleset(effective.rawValue, 0)
        guard fd >= 0 else { throw SandboxError(.landlock, errno: errno, "cannot create a Landlock ruleset") }
        fileDescriptor = fd
        self.handled = effective
    }

    deinit {
        close(fileDescriptor)
    }

    /// Hands the open descriptor over to the caller, who closes it.
    public consuming func release() -> Int32 {
        let fd = fileDescriptor
        discard self
        return fd
    }

    /// Allows `access` (within what the ruleset handles) beneath `path`; a path that does not
    /// exist is skipped, as nothing beneath it can be opened.
    public func allow(_ access: LandlockAccess, beneath path: String) throws(SandboxError) {
        var status = stat()
        guard stat(path, &status) == 0 else { return }
        // Rights about directory entries are refused on a file.
        let isDirectory = status.st_mode & S_IFMT == S_IFDIR
        let rights = access.intersection(handled).intersection(isDirectory ? access : .fileRights)
        guard !rights.isEmpty else { return }
        let error = krs_landlock_allow_beneath(fileDescriptor, path, rights.rawValue)
        guard error == 0 || error == ENOENT else {
            throw SandboxError(.landlock, errno: error, "cannot allow \(path) in the Landlock ruleset")
        }
    }
}
