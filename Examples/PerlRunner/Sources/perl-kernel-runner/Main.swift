import KernelRunner
import KernelRunnerCommandLine

/// `perl-kernel-runner perl` serves Perl, with every flag and language of `kernel-runner`.
@main
enum Main {
    static func main() {
        var registry = LanguageRegistry.builtIn
        registry.register(.init(name: "perl", defaultRuntimePath: "perl") { PerlRunner() })
        KernelRunnerCommandLine.main(registry: registry)
    }
}
