import Glibc
import SystemSupport

/// Builds the environment of users' programs: the daemon's own environment, the container
/// defaults, the daemon's per-user toolchains (``ToolchainHomes``), `environ.txt`, then
/// well-known tool directories promoted to the front of `PATH`.
public struct ChildEnvironment: Sendable {
    /// The resulting variables.
    public private(set) var variables: [String: String]

    /// Builds the base environment for every run from what exists on this machine.
    public init(inherited: [String: String], homeDirectory: String, environ: EnvironFile) {
        self.init(inherited: inherited, homeDirectory: homeDirectory, environ: environ, fileExists: FileSystem.exists)
    }

    /// Builds the base environment, asking `fileExists` which optional directories exist.
    public init(inherited: [String: String], homeDirectory: String, environ: EnvironFile, fileExists: (String) -> Bool) {
        var env = inherited
        let toolchains = ToolchainHomes.variables(daemonHome: inherited["HOME"] ?? "", runHome: homeDirectory, isDirectory: fileExists)
        env.merge(toolchains) { image, _ in image }
        env["LANG"] = env["LANG"] ?? "C.UTF-8"
        env["HOME"] = homeDirectory
        env["TERM"] = "xterm"
        if env["PATH"] == nil {
            env["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        }
        if env["SHELL"] == nil {
            env["SHELL"] = fileExists("/bin/ash") ? "/bin/ash" : "/bin/bash"
        }
        for (key, value) in environ.entries {
            env[key] = value
        }
        variables = env
        let optional = ["/usr/local/cuda/bin", "/usr/local/nvidia/bin", "/home/linuxbrew/.linuxbrew/bin"]
        promoteToPathFront(optional.filter(fileExists) + [homeDirectory + "/.local/bin"])
    }

    /// Moves (or adds) `directories` to the front of `PATH`, keeping their order.
    public mutating func promoteToPathFront(_ directories: [String]) {
        let current = (variables["PATH"] ?? "").split(separator: ":").map(String.init)
        let rest = current.filter { !directories.contains($0) }
        variables["PATH"] = (directories + rest).joined(separator: ":")
    }

    /// Sets one variable.
    public subscript(key: String) -> String? {
        get { variables[key] }
        set { variables[key] = newValue }
    }
}
