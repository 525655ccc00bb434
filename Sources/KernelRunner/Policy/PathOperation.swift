/// A kind of path syscall the jail checks against `whitelist_paths`, spelled as in the Go-jail
/// policy files (`OP_OPEN`, …).
public enum PathOperation: String, Sendable, CaseIterable {
    /// `open`.
    case open = "OP_OPEN"
    /// `access`.
    case access = "OP_ACCESS"
    /// `execve`/`execveat`.
    case exec = "OP_EXEC"
    /// The stat family; declared by the schema, enforced by no jail version.
    case stat = "OP_STAT"
    /// `chmod`/`fchmodat`.
    case chmod = "OP_CHMOD"
}
