import Foundation

/// Files of this repository that tests check (Dockerfiles, policies), found from this source
/// file so the tests run from any working directory.
public enum RepositoryFiles {
    /// The directory holding `Package.swift`.
    public static let root: String = {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory.path
            }
            directory.deleteLastPathComponent()
        }
        fatalError("no Package.swift above \(#filePath)")
    }()

    /// The jail policies, `policy/<language>.yml`.
    public static var policyDirectory: String { root + "/policy" }

    /// The images, `Dockerfiles/<language>/Dockerfile`.
    public static var dockerfilesDirectory: String { root + "/Dockerfiles" }

    /// The names in `directory` that satisfy `include`, sorted (so parameterised tests are
    /// listed in a stable order).
    public static func names(in directory: String, where include: (String) -> Bool) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter(include).sorted()
    }

    /// The languages that have a policy file.
    public static var policyLanguages: [String] {
        names(in: policyDirectory) { $0.hasSuffix(".yml") }.map { String($0.dropLast(4)) }
    }

    /// The languages that have a Dockerfile.
    public static var dockerfileLanguages: [String] {
        names(in: dockerfilesDirectory) { FileManager.default.fileExists(atPath: "\(dockerfilesDirectory)/\($0)/Dockerfile") }
    }
}
