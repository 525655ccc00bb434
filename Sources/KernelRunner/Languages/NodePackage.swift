import FoundationEssentials
import KernelProtocol

/// The parts of a `package.json` the Node.js runner acts on.
struct NodePackage: Sendable, Equatable {
    /// The `main` entry point, if any.
    var main: String?
    /// Script names (`build`, `start`, …).
    var scripts: Set<String>
    /// True if anything must be installed (`dependencies`, `devDependencies` or
    /// `optionalDependencies` is not empty).
    var hasDependencies: Bool

    /// `nil` if `bytes` is not a JSON object.
    init?(json bytes: [UInt8]) {
        guard let object = (try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)))?.object else { return nil }
        main = object["main"]?.string
        scripts = Set((object["scripts"]?.object ?? [:]).keys)
        hasDependencies = ["dependencies", "devDependencies", "optionalDependencies"].contains { key in
            !(object[key]?.object ?? [:]).isEmpty
        }
    }
}
