import Foundation
import KernelRunner

extension FuzzTarget {
    /// A service definition file (`/etc/backend.ai/service-defs/<name>.json`, from the image).
    ///
    /// An accepted definition can be started (a command, or `noop`) and listed by `get-apps`.
    static let serviceDefinition = FuzzTarget("service-definition", dictionary: "json.dict") { input throws(InvariantViolation) in
        guard let (definition, ignoredKeys) = try? ServiceDefinition.parse(Data(input), source: "fuzz.json") else { return }
        try require(definition.command != nil || definition.noop, "accepted a definition with nothing to start")
        try require(ignoredKeys == Array(Set(ignoredKeys)).sorted(), "ignored keys \(ignoredKeys) are not sorted and unique")
        _ = definition.appInfo(named: "fuzz")
    }
}
