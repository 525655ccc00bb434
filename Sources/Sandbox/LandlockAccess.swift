/// Landlock's filesystem access rights (`LANDLOCK_ACCESS_FS_*`).
public struct LandlockAccess: OptionSet, Sendable, Hashable {
    public let rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public static let execute = LandlockAccess(rawValue: 1 << 0)
    public static let writeFile = LandlockAccess(rawValue: 1 << 1)
    public static let readFile = LandlockAccess(rawValue: 1 << 2)
    public static let readDirectory = LandlockAccess(rawValue: 1 << 3)
    public static let removeDirectory = LandlockAccess(rawValue: 1 << 4)
    public static let removeFile = LandlockAccess(rawValue: 1 << 5)
    public static let makeCharacterDevice = LandlockAccess(rawValue: 1 << 6)
    public static let makeDirectory = LandlockAccess(rawValue: 1 << 7)
    public static let makeRegularFile = LandlockAccess(rawValue: 1 << 8)
    public static let makeSocket = LandlockAccess(rawValue: 1 << 9)
    public static let makeFIFO = LandlockAccess(rawValue: 1 << 10)
    public static let makeBlockDevice = LandlockAccess(rawValue: 1 << 11)
    public static let makeSymbolicLink = LandlockAccess(rawValue: 1 << 12)
    /// ABI 2.
    public static let refer = LandlockAccess(rawValue: 1 << 13)
    /// ABI 3.
    public static let truncate = LandlockAccess(rawValue: 1 << 14)

    /// Reading: open for reading, list directories.
    public static let read: LandlockAccess = [.readFile, .readDirectory]
    /// Writing: open for writing, create, remove, rename and truncate.
    public static let write: LandlockAccess = [
        .writeFile, .removeDirectory, .removeFile, .makeCharacterDevice, .makeDirectory, .makeRegularFile,
        .makeSocket, .makeFIFO, .makeBlockDevice, .makeSymbolicLink, .refer, .truncate,
    ]

    /// The rights that apply to a file itself (the others are about a directory's entries).
    public static let fileRights: LandlockAccess = [.execute, .writeFile, .readFile, .truncate]

    /// The rights a kernel of Landlock ABI `abi` knows.
    public static func known(abi: Int) -> LandlockAccess {
        switch abi {
        case ..<1: []
        case 1: LandlockAccess(rawValue: (1 << 13) - 1)
        case 2: LandlockAccess(rawValue: (1 << 14) - 1)
        default: LandlockAccess(rawValue: (1 << 15) - 1)
        }
    }
}
