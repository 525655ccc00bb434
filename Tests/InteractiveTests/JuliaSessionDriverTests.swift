import KernelRunner
import Testing

@testable import KernelRunnerInteractive

extension Interactive {
    /// Julia cannot be installed here: its session driver is checked as text and arguments.
    @Suite("The Julia session driver")
    struct JuliaSessionDriverTests {
        let driver = SessionDriver.julia

        @Test func isTheJuliaSpecsSessionAndStartsTheDriverInTheWorkDirProject() throws {
            #expect(LanguageSpec.julia.session == "julia")
            #expect(SessionDriver.builtIn["julia"] != nil)
            try LanguageSpec.julia.validate()
            #expect(driver.executable == nil, "the runtime (julia) runs the driver")
            #expect(driver.arguments == ["--project=@.", "{driver}", "{channel}"])
            #expect(driver.scriptName.hasSuffix(".jl") && driver.cellExtension == "jl")
            #expect(driver.encodeCell == nil && driver.handshake == nil && driver.completes)
        }

        @Test func theDriverSpeaksTheSessionProtocol() {
            let script = driver.script
            // The token comes first from the requests FIFO, then the requests, then events.
            #expect(script.contains("readline(requests)"))
            #expect(script.contains("send(\"ready\")"))
            #expect(script.contains("send(\"done $id $status $marks $marks\")"))
            #expect(script.contains("send(\"completion $id \""))
            // The marker as a cell starts and as it ends, on both streams.
            #expect(script.components(separatedBy: "mark()").count - 1 == 2 + 1, "one definition, two calls")
            #expect(script.contains("write(stdout, marker)") && script.contains("write(stderr, marker)"))
            #expect(script.contains("\"\\e]kernel-runner;\""))
        }

        @Test func cellsRunInMainAndSurviveInterrupts() {
            let script = driver.script
            #expect(script.contains("Base.exit_on_sigint(false)"), "a SIGINT must be an InterruptException, not the end")
            #expect(script.contains("include_string, Main, code"))
            #expect(script.contains("error isa InterruptException"))
            #expect(script.contains("REPL.ends_with_semicolon(code)"), "a value is shown unless the cell ends with ;")
            #expect(!script.contains("{channel}"), "the directory comes as an argument")
        }
    }
}
