import Glibc

/// A user command that means nothing special to the shell: only words separated by spaces, the
/// first one naming a program. `/bin/sh -c` would only split it and run that program, so the
/// daemon runs it directly and saves starting the shell (and its fork) on every run.
///
/// Deliberately conservative: any other character (quotes, `$`, globs, redirections, `~`, `#`,
/// backslashes, tabs, newlines…), a leading `NAME=value` assignment, or a first word that is a
/// shell keyword or builtin (`cd`, `exit`, `echo`, whose behaviour differs from `/bin/echo`…)
/// leaves the command to the shell. `true` and `false` run as programs: without arguments they
/// do what the builtins do.
struct PlainCommand: Equatable {
    /// The program, as typed: a name looked up in `PATH`, or a path.
    let program: String
    let arguments: [String]

    /// Characters besides ASCII letters and digits that the shell takes literally in a word.
    private static let literalPunctuation = Set("_./=:,+-@%".utf8)

    /// Keywords and builtins of dash and bash: a command starting with one needs the shell.
    private static let shellWords: Set<String> = [
        ".", ":", "alias", "bg", "bind", "break", "builtin", "caller", "case",
        "cd", "chdir", "command", "compgen", "complete", "compopt", "continue", "coproc", "declare", "dirs",
        "disown", "do", "done", "echo", "elif", "else", "enable", "esac", "eval", "exec", "exit", "export", "fc",
        "fg", "fi", "for", "function", "getopts", "hash", "help", "history", "if", "in", "jobs", "kill", "let",
        "local", "logout", "mapfile", "popd", "printf", "pushd", "pwd", "read", "readarray", "readonly",
        "return", "select", "set", "shift", "shopt", "source", "suspend", "test", "then", "time", "times",
        "trap", "type", "typeset", "ulimit", "umask", "unalias", "unset", "until", "wait", "while",
    ]

    /// nil when `command` needs the shell.
    init?(_ command: String) {
        let isPlain = command.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: " "):
                true
            default:
                Self.literalPunctuation.contains(byte)
            }
        }
        guard isPlain else { return nil }
        // ASCII only by now: split as bytes, which is cheaper than by characters.
        let words = command.utf8.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
        guard let first = words.first, !first.utf8.contains(UInt8(ascii: "=")), !Self.shellWords.contains(first)
        else { return nil }
        program = first
        arguments = Array(words.dropFirst())
    }

    /// The environment the program would get from the shell: dash exports `PWD`, keeping the
    /// inherited value only when it names the working directory.
    static func environment(_ environment: [String: String], workingDirectory: String) -> [String: String] {
        var environment = environment
        // The same string needs no look at the file system (the daemon started where it works).
        if let inherited = environment["PWD"], inherited.hasPrefix("/"),
            inherited == workingDirectory || isSameFile(inherited, workingDirectory)
        {
            return environment
        }
        environment["PWD"] = physicalPath(of: workingDirectory)
        return environment
    }

    private static func isSameFile(_ path: String, _ other: String) -> Bool {
        var first = stat()
        var second = stat()
        return stat(path, &first) == 0 && stat(other, &second) == 0
            && first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }

    private static func physicalPath(of path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
