import Foundation
import KernelRunner

extension FuzzTarget {
    /// A declarative language spec (`/etc/kernel-runner/languages/*.json`, from the image).
    ///
    /// A spec that validates keeps its files inside the places the daemon gives it: the
    /// snippet file is a plain name and every `ifExists` path stays under the work directory,
    /// judged by the bytes of the path as the kernel reads them.
    /// Planning its steps and preparing a snippet must not trap.
    static let languageSpec = FuzzTarget("language-spec", dictionary: "json.dict") { input throws(InvariantViolation) in
        guard let spec = try? JSONDecoder().decode(LanguageSpec.self, from: Data(input)), (try? spec.validate()) != nil else { return }
        try require(!spec.name.isEmpty, "an empty name")
        if let query = spec.query {
            try require(
                !query.fileName.isEmpty && !query.fileName.unicodeScalars.contains("/"), "snippet file \(query.fileName.debugDescription)")
        }
        for rule in spec.build + spec.exec + spec.clean {
            guard let path = rule.ifExists else { continue }
            // Path components as the kernel sees them: split by scalar, not by Character.
            let components = path.unicodeScalars.split(separator: "/", omittingEmptySubsequences: false).map { String($0) }
            try require(components.first != "" && !components.contains(".."), "ifExists \(path.debugDescription)")
        }
        for step in LanguageSpec.Step.allCases {
            _ = spec.plan(step, runtimePath: "/usr/bin/fuzz") { $0.count % 2 == 0 }
        }
        _ = spec.querySource(for: " \n" + spec.name)
    }
}
