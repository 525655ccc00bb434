import MessagePack
import SystemSupport

/// The name of a compile's cache entry: a SHA-256 digest of everything the compiler's result
/// depends on: the compiler's identity, its arguments, the environment it reads, and every file
/// of the scratch directory before compiling (the snippet and any file the runner adds).
struct CompileCacheKey: Sendable, Hashable {
    /// The digest in hex: the entry's file name.
    let name: String

    /// Names the key's layout: a change to it must not find entries made with the old one.
    private static let format = "kernel-runner compile key 1"

    init(toolchain: ToolchainIdentity, compilation: SnippetCompilation, environment: [String: String], inputs: [SnippetFile]) {
        let keys = Set(SnippetCompilation.commonEnvironmentKeys + compilation.environmentKeys).sorted()
        let fields: [MessagePackValue] = [
            .string(Self.format),
            .array(toolchain.parts.map { .array([.string($0.path), $0.status.map(Self.encode) ?? .nil]) }),
            .array(compilation.arguments.map(MessagePackValue.string)),
            .array(compilation.environment.sorted { $0.key < $1.key }.map { .array([.string($0.key), .string($0.value)]) }),
            .array(keys.map { .array([.string($0), Self.keyedValue(of: $0, in: environment).map(MessagePackValue.string) ?? .nil]) }),
            .array(inputs.map { .array([.string($0.path), .uint(UInt64($0.mode)), $0.contents.map(MessagePackValue.binary) ?? .nil]) }),
        ]
        name = SHA256.hex(SHA256.hash(MessagePackValue.array(fields).encode()))
    }

    /// Search paths whose entries that are not directories are left out of the key.
    private static let searchPathKeys: Set<String> = [
        "PATH", "LD_LIBRARY_PATH", "LIBRARY_PATH", "CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH", "COMPILER_PATH", "GHC_PACKAGE_PATH",
    ]

    /// The value of `name` as the key holds it. A search path keeps only its entries that are
    /// directories (and empty ones, the working directory): a missing one finds nothing, and
    /// the default `PATH` starts with the work dir's `.local/bin`, which differs between
    /// daemons sharing a cache (each has its own work dir) but rarely exists. Once created it
    /// is in the key, and what it holds may shadow a tool of the compiler's.
    private static func keyedValue(of name: String, in environment: [String: String]) -> String? {
        guard let value = environment[name], searchPathKeys.contains(name) else { return environment[name] }
        return value.split(separator: ":", omittingEmptySubsequences: false).filter { entry in
            entry.isEmpty || (try? FileSystem.status(of: String(entry)))?.kind == .directory
        }.joined(separator: ":")
    }

    private static func encode(_ status: FileStatus) -> MessagePackValue {
        .array([
            .uint(status.device), .uint(status.inode), .uint(UInt64(status.size)), .int(status.modified), .int(status.changed),
            .uint(UInt64(status.mode)),
        ])
    }
}
