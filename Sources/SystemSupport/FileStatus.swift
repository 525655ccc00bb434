import Glibc

/// What `stat` tells of a file: its kind and permissions, and enough to notice that it was
/// replaced or changed (device, inode, size, modification and status-change times).
public struct FileStatus: Sendable, Hashable {
    /// The file types the daemon tells apart.
    public enum Kind: Sendable, Hashable {
        case regular, directory, symbolicLink, other
    }

    public var kind: Kind
    /// The permission bits (`st_mode & 0o7777`).
    public var mode: UInt32
    public var owner: UInt32
    public var size: Int
    public var device: UInt64
    public var inode: UInt64
    /// The last modification, in nanoseconds since the epoch.
    public var modified: Int64
    /// The last status change (any write, chmod, rename or link), in nanoseconds since the epoch.
    public var changed: Int64

    init(_ status: stat) {
        kind =
            switch status.st_mode & S_IFMT {
            case S_IFREG: .regular
            case S_IFDIR: .directory
            case S_IFLNK: .symbolicLink
            default: .other
            }
        mode = status.st_mode & 0o7777
        owner = status.st_uid
        size = Int(status.st_size)
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        changed = Int64(status.st_ctim.tv_sec) * 1_000_000_000 + Int64(status.st_ctim.tv_nsec)
    }
}
