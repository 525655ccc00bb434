import Foundation

/// The parts of a `package.json` the Node.js runner acts on.
struct NodePackage: Sendable, Equatable {
    /// The `main` entry point, if any.
    var main: String?
    /// Script names (`build`, `start`, …).
    var scripts: Set<String>
    /// True if anything must be installed (`dependencies`, `devDependencies` or
    /// `optionalDependencies` is not empty).
    var hasDependencies: Bool

    /// `nil` if `data` is not a JSON object.
    init?(json data: Data) {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
        main = object["main"] as? String
        scripts = Set((object["scripts"] as? [String: Any] ?? [:]).keys)
        hasDependencies = ["dependencies", "devDependencies", "optionalDependencies"].contains { key in
            !(object[key] as? [String: Any] ?? [:]).isEmpty
        }
    }
}
