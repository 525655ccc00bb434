import FuzzTargets
import Glibc

// kernel-fuzz <target> [libFuzzer options and corpus directories]
// kernel-fuzz --list
//
// Built by scripts/fuzz with `-sanitize=fuzzer`; a plain `swift build` links it too (libFuzzer
// is then absent and it only lists its targets).

let arguments = CommandLine.arguments
if arguments.count == 2, arguments[1] == "--list" {
    for target in FuzzTarget.all {
        print(target.name, target.dictionary ?? "-")
    }
    exit(0)
}
guard arguments.count >= 2, FuzzTarget.named(arguments[1]) != nil else {
    fail(
        "usage: kernel-fuzz <target> [libFuzzer options] [corpus directories]\ntargets: \(FuzzTarget.all.map(\.name).joined(separator: " "))"
    )
}
guard let status = LibFuzzer.run() else {
    fail("kernel-fuzz: built without libFuzzer; build and run it with scripts/fuzz")
}
exit(status)

/// Reports a usage error on stderr and exits with status 2.
func fail(_ message: String) -> Never {
    var text = message + "\n"
    text.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    exit(2)
}
