import KernelRunnerCommandLine

/// `kernel-runner`: the built-in languages and the whole command line.
@main
enum EntryPoint {
    static func main() {
        KernelRunnerCommandLine.main()
    }
}
