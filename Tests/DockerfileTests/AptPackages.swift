/// The Debian packages that `RUN` commands install with `apt-get install`.
enum AptPackages {
    /// Words that end a command in a `&&`/`;` chain.
    private static let separators: Set<String> = ["&&", "||", ";", "|"]

    /// Package names (without `=version` pins) installed by `commands`.
    static func installed(by commands: [String]) -> Set<String> {
        var packages: Set<String> = []
        for command in commands {
            let words = command.split(whereSeparator: \.isWhitespace).map(String.init)
            var installing = false
            for (index, word) in words.enumerated() {
                if separators.contains(word) {
                    installing = false
                } else if installing {
                    let name = word.hasSuffix(";") ? String(word.dropLast()) : word
                    if !name.hasPrefix("-") { packages.insert(String(name.prefix { $0 != "=" })) }
                    if word.hasSuffix(";") { installing = false }
                } else if word == "install", index > 0, ["apt-get", "apt"].contains(words[index - 1]) {
                    installing = true
                }
            }
        }
        return packages
    }
}
