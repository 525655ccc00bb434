import KernelRunner
import Testing

/// Julia cannot be installed here, so its runner is checked through the commands it builds.
extension Languages {
    @Suite("Julia commands")
    struct JuliaCommands {
        let julia = LanguageSpec.julia
        let runtime = "/opt/julia/bin/julia"

        @Test func isRegisteredWithItsDefaults() throws {
            let entry = try #require(LanguageRegistry.builtIn.entry(for: "julia"))
            #expect(entry.defaultRuntimePath == "julia")
            #expect(julia.logPrefix == "julia-kernel")
            #expect(julia.pathPrefixes.contains("/opt/julia/bin"))
            #expect(julia.jupyterKernel == "julia", "IJulia serves query mode when installed")
            try julia.validate()
        }

        @Test func queryRunsTheSnippetInTheWorkDirProject() {
            #expect(julia.querySource(for: "println(1)") == "println(1)")
            let commands = julia.queryCommands(runtimePath: runtime, file: "/tmp/s/snippet.jl", scratch: "/tmp/s")
            #expect(commands == LanguageSpec.QueryCommands(compile: nil, run: [runtime, "--project=@.", "/tmp/s/snippet.jl"]))
            #expect(julia.query?.fileName == "snippet.jl")
        }

        @Test func buildInstantiatesAProjectOnly() {
            #expect(
                julia.plan(.build, runtimePath: runtime) { $0 == "Project.toml" }
                    == .run([runtime, "--project=@.", "-e", "using Pkg; Pkg.instantiate()"]))
            #expect(julia.plan(.build, runtimePath: runtime) { _ in false } == .nothing)
        }

        @Test func execRunsMainOrExplains() {
            #expect(julia.plan(.exec, runtimePath: runtime) { $0 == "main.jl" } == .run([runtime, "--project=@.", "main.jl"]))
            #expect(julia.plan(.exec, runtimePath: runtime) { _ in false } == .missing(["main.jl"]))
            #expect(julia.plan(.clean, runtimePath: runtime) { _ in true } == .nothing)
        }

        @Test func completionKeywordsCoverTheBasics() {
            #expect(["function", "println", "using", "struct"].allSatisfy(julia.keywords.contains))
        }
    }
}
