import Foundation
import TestSupport
import Testing

@testable import KernelRunnerCore
@testable import KernelRunnerInteractive

extension Interactive {
    @Suite("Finding Jupyter kernelspecs")
    struct KernelSpecTests {
        private func install(_ name: String, in dataDirectory: String, argv: [String], language: String) throws {
            let directory = dataDirectory + "/kernels/" + name
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let json = try JSONSerialization.data(withJSONObject: ["argv": argv, "display_name": name, "language": language])
            try json.write(to: URL(fileURLWithPath: directory + "/kernel.json"))
        }

        @Test func searchOrderAndNameFragments() throws {
            let root = (try TemporaryDirectory.make(prefix: "kr-kernelspec-") as NSString).standardizingPath
            try install(
                "python3", in: root + "/path", argv: ["python", "-m", "ipykernel_launcher", "-f", "{connection_file}"], language: "python")
            try install(
                "ir", in: root + "/home/.local/share/jupyter",
                argv: ["R", "--slave", "-e", "IRkernel::main()", "--args", "{connection_file}"], language: "R")
            try install("python3", in: root + "/prefix/share/jupyter", argv: ["/other/python"], language: "python")
            let directories = KernelSpec.dataDirectories(
                environment: ["JUPYTER_PATH": root + "/path", "HOME": root + "/home"], runtimePath: root + "/prefix/bin/python3")
            #expect(Array(directories.prefix(3)) == [root + "/path", root + "/home/.local/share/jupyter", root + "/prefix/share/jupyter"])

            let python = try #require(try KernelSpec.find(containing: "python", in: directories))
            #expect(python.directory == root + "/path/kernels/python3", "JUPYTER_PATH comes first")
            #expect(
                python.command(connectionFile: "/c.json", runtimePath: "/usr/bin/python3")
                    == ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "/c.json"])
            let r = try #require(try KernelSpec.find(containing: "ir", in: directories))
            #expect(r.command(connectionFile: "/c.json", runtimePath: "Rscript").first == "R", "only Python kernels get the runtime")
            #expect(try KernelSpec.find(containing: "julia", in: directories) == nil)
            let any = try #require(try KernelSpec.find(containing: "", in: directories), "an empty name matches any kernelspec")
            #expect(any.directory == python.directory, "the first of the first data directory")
        }
    }
}
