import Testing

@testable import KernelRunnerCore

@Suite("Per-user toolchains under the run's HOME")
struct ToolchainHomesTests {
    /// The daemon's user installed rustup and R packages; runs get /home/work as HOME.
    private func environment(inherited: [String: String], environ: String = "") -> ChildEnvironment {
        ChildEnvironment(
            inherited: inherited, homeDirectory: "/home/work", environ: EnvironFile(parsing: environ),
            fileExists: { ["/root/.rustup", "/root/.cargo", "/root/R"].contains($0) })
    }

    @Test func theDaemonsToolchainsStayReachable() {
        let variables = environment(inherited: ["HOME": "/root", "PATH": "/root/.cargo/bin:/bin"]).variables
        #expect(variables["HOME"] == "/home/work")
        #expect(variables["RUSTUP_HOME"] == "/root/.rustup")
        #expect(variables["CARGO_HOME"] == "/root/.cargo")
        #expect(variables["R_LIBS_USER"] == "/root/R/%p-library/%v")
        #expect(variables["PYENV_ROOT"] == nil, "only what exists")
    }

    @Test func theImageAndEnvironTxtWin() {
        let variables = environment(inherited: ["HOME": "/root", "RUSTUP_HOME": "/opt/rustup"], environ: "CARGO_HOME=/opt/cargo\n")
            .variables
        #expect(variables["RUSTUP_HOME"] == "/opt/rustup")
        #expect(variables["CARGO_HOME"] == "/opt/cargo")
    }

    @Test func nothingChangesWhenRunsShareTheDaemonsHome() {
        let variables = environment(inherited: ["HOME": "/home/work"]).variables
        #expect(variables["RUSTUP_HOME"] == nil)
    }
}
