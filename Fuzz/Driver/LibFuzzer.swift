import FuzzTargets
import Glibc

/// libFuzzer's entry point, looked up at run time: a plain `swift build` links this program
/// without libFuzzer, and `scripts/fuzz` exports the symbol from its fuzzing build.
enum LibFuzzer {
    typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    typealias RunDriver =
        @convention(c) (
            UnsafeMutablePointer<Int32>,
            UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
            TestOneInput
        ) -> Int32

    /// Fuzzes ``target`` with the command line's libFuzzer options; nil without libFuzzer.
    static func run() -> Int32? {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "LLVMFuzzerRunDriver") else { return nil }
        let runDriver = unsafeBitCast(symbol, to: RunDriver.self)
        // libFuzzer sees a program name followed by its own arguments: argv[1] (the target)
        // takes the place of the program name.
        var argc = CommandLine.argc - 1
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv + 1
        return runDriver(&argc, &argv, fuzzOneInput)
    }

    /// The target named on the command line; libFuzzer's callback cannot capture it.
    static let target: FuzzTarget? = CommandLine.arguments.dropFirst().first.flatMap(FuzzTarget.named)
}

/// libFuzzer's per-input callback. libFuzzer's own `main` (replaced by ours) refers to it by
/// this name, so the fuzzing build needs the symbol even though we pass the function directly.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let target = LibFuzzer.target else { return -1 }
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        try target.check(input)
    } catch {
        // A trap is what libFuzzer records as a crash, with the input that caused it.
        fatalError("\(target.name): \(error)")
    }
    return 0
}
