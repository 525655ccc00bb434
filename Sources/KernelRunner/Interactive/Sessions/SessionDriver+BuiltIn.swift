extension SessionDriver {
    /// The drivers compiled into the daemon, by key.
    package static let builtIn: [String: SessionDriver] = Dictionary(
        uniqueKeysWithValues: [bash, node, lua, php, r, octave, scheme, ghci, julia].map { ($0.key, $0) })

    /// bash: each cell is sourced at the top level of one shell.
    package static let bash = SessionDriver(
        key: "bash",
        name: "the bash session",
        script: embedded(PackageResources.kernel_runner_session_bash),
        scriptName: "kernel_runner_session.bash",
        arguments: ["--norc", "--noprofile", "{driver}", "{channel}"],
        cellExtension: "sh"
    )

    /// A driver's text, compiled into the binary by SwiftPM (`.embedInCode` in Package.swift):
    /// the daemon ships as one static binary, without a bundle.
    static func embedded(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
