/// Toolchains installed per user that find their installation through `HOME`.
///
/// Runs get the work directory as `HOME`. A toolchain the daemon's own user installed with
/// rustup, pyenv, ghcup, juliaup & co. would then look for its state in an empty directory
/// ("rustup could not choose a version of rustc to run"). Each entry names the variable that
/// points such a tool at its state explicitly; it is set to the daemon's own directory when that
/// directory exists and neither the image nor `environ.txt` set the variable.
enum ToolchainHomes {
    struct Entry: Equatable, Sendable {
        /// The variable the tool reads instead of `HOME`.
        var variable: String
        /// The directory, relative to the daemon's `HOME`, whose existence shows the tool.
        var directory: String
        /// The value, relative to the daemon's `HOME` ("" is `HOME` itself).
        var path: String

        init(_ variable: String, _ directory: String, path: String? = nil) {
            self.variable = variable
            self.directory = directory
            self.path = path ?? directory
        }
    }

    static let entries: [Entry] = [
        Entry("RUSTUP_HOME", ".rustup"),
        Entry("CARGO_HOME", ".cargo"),
        Entry("PYENV_ROOT", ".pyenv"),
        Entry("NVM_DIR", ".nvm"),
        Entry("SDKMAN_DIR", ".sdkman"),
        // Modules and tools fetched ahead (an image's `go mod download`) stay usable offline.
        Entry("GOPATH", "go"),
        Entry("GHCUP_INSTALL_BASE_PREFIX", ".ghcup", path: ""),
        Entry("CABAL_DIR", ".cabal"),
        Entry("STACK_ROOT", ".stack"),
        // juliaup's `julia` launcher reads its channel configuration from here.
        Entry("JULIAUP_DEPOT_PATH", ".julia"),
        // R's own default user library, spelled out (`%p` and `%v` are expanded by R).
        Entry("R_LIBS_USER", "R", path: "R/%p-library/%v"),
    ]

    /// The variables that keep the daemon's toolchains working for runs whose `HOME` is `runHome`.
    static func variables(daemonHome: String, runHome: String, isDirectory: (String) -> Bool) -> [String: String] {
        guard !daemonHome.isEmpty, daemonHome != runHome else { return [:] }
        var variables: [String: String] = [:]
        for entry in entries where isDirectory(daemonHome + "/" + entry.directory) {
            variables[entry.variable] = entry.path.isEmpty ? daemonHome : daemonHome + "/" + entry.path
        }
        return variables
    }
}
