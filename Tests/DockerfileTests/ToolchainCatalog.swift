/// The executables that the images' install sources provide: only those a runner or an image's
/// `ENTRYPOINT` may call.
///
/// Read off the Debian 12 (bookworm, amd64) packages' file lists (`dpkg -c`); names made by
/// `update-alternatives` (java, javac, php, lua, scheme) come from the packages' postinst
/// scripts. Paths are usr-merged (`/bin/x` is `/usr/bin/x` on bookworm).
enum ToolchainCatalog {
    /// The essential packages of every `debian:bookworm-slim` image.
    static let baseImage: Set<String> = ["/usr/bin/bash", "/usr/bin/sh", "/usr/bin/env"]

    /// By Debian package name.
    static let debianPackages: [String: Set<String>] = [
        "gcc": ["/usr/bin/gcc"],
        "g++": ["/usr/bin/g++"],
        "make": ["/usr/bin/make"],
        "python3": ["/usr/bin/python3"],
        "python3-pip": ["/usr/bin/pip3"],
        "golang-go": ["/usr/bin/go", "/usr/bin/gofmt"],
        "rustc": ["/usr/bin/rustc"],
        "cargo": ["/usr/bin/cargo"],
        "default-jdk-headless": ["/usr/bin/java", "/usr/bin/javac"],
        "nodejs": ["/usr/bin/node", "/usr/bin/nodejs"],
        "npm": ["/usr/bin/npm", "/usr/bin/npx"],
        "php-cli": ["/usr/bin/php"],
        "lua5.4": ["/usr/bin/lua5.4", "/usr/bin/lua"],
        "ghc": ["/usr/bin/ghc", "/usr/bin/ghci", "/usr/bin/runghc", "/usr/bin/runhaskell"],
        "r-base-core": ["/usr/bin/R", "/usr/bin/Rscript"],
        "octave": ["/usr/bin/octave", "/usr/bin/octave-cli"],
        "mit-scheme": ["/usr/bin/mit-scheme", "/usr/bin/scheme"],
        "git": ["/usr/bin/git"],
        "tini": ["/usr/bin/tini"],
    ]

    /// Trees copied from another build stage, by the stage's name (the official Julia tarball
    /// unpacked to `/opt/julia`).
    static let stageTrees: [String: Set<String>] = [
        "julia": ["/opt/julia/bin/julia"]
    ]

    /// `PATH` of `debian:bookworm-slim`.
    static let defaultPath = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]

    /// Every executable the image of `stage` has: the base image's, its packages', the trees
    /// copied from other stages, and single files copied from them (the runner binary).
    static func executables(of stage: Dockerfile.Stage) -> Set<String> {
        var paths = baseImage
        for package in AptPackages.installed(by: stage.runCommands) {
            paths.formUnion(debianPackages[package] ?? [])
        }
        for copy in stage.copies {
            if let stageName = copy.stage, let tree = stageTrees[stageName] {
                paths.formUnion(tree)
            } else {
                paths.insert(copy.destination)
            }
        }
        return Set(paths.map(usrMerged))
    }

    /// Where `command` (a path, or a name looked up in the stage's `PATH`) is found in the
    /// image, or `nil` when nothing provides it.
    static func resolve(_ command: String, in stage: Dockerfile.Stage) -> String? {
        let executables = executables(of: stage)
        if command.contains("/") {
            return executables.contains(usrMerged(command)) ? command : nil
        }
        let path = stage.environment["PATH"].map { $0.split(separator: ":").map(String.init) } ?? defaultPath
        // `$PATH` in an ENV line stands for the base image's PATH.
        let directories = path.flatMap { $0 == "$PATH" || $0 == "${PATH}" ? defaultPath : [$0] }
        return directories.map { "\($0)/\(command)" }.first { executables.contains(usrMerged($0)) }
    }

    private static func usrMerged(_ path: String) -> String {
        for directory in ["/bin/", "/sbin/", "/lib/"] where path.hasPrefix(directory) {
            return "/usr" + path
        }
        return path
    }
}
