import KernelRunner
import Testing

@Suite("environ.txt")
struct EnvironFileTests {
    @Test func aMalformedLineIsSkippedAndTheRestStillApplies() {
        let environ = EnvironFile(parsing: "A=1\nno equals sign\n=empty key\n\nB=x=y\r\nC=\n")
        #expect(environ.entries.map { [$0.key, $0.value] } == [["A", "1"], ["B", "x=y"], ["C", ""]])
        #expect(environ.problems.count == 2)
        let environment = ChildEnvironment(inherited: ["PATH": "/bin", "A": "old"], homeDirectory: "/home/work", environ: environ)
        #expect(environment["A"] == "1")
        #expect(environment["B"] == "x=y")
    }
}
