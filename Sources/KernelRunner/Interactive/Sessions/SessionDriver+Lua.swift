extension SessionDriver {
    /// Lua: each cell is a chunk of one interpreter; globals carry over.
    package static let lua = SessionDriver(
        key: "lua",
        name: "the Lua session",
        script: embedded(PackageResources.kernel_runner_session_lua),
        scriptName: "kernel_runner_session.lua",
        arguments: ["{driver}", "{channel}"],
        cellExtension: "lua"
    )
}
