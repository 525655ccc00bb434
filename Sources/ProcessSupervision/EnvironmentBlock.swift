import Synchronization

/// An environment laid out for `execve`, kept for the next spawn with the same variables.
///
/// A daemon's runs mostly pass one dictionary on unchanged, whose storage the comparison finds
/// identical at once, while laying out a block walks and copies every variable.
final class EnvironmentBlock: @unchecked Sendable {  // Immutable once made.
    let variables: [String: String]
    let strings: CStringArray

    private static let last = Mutex<EnvironmentBlock?>(nil)

    private init(_ variables: [String: String]) {
        self.variables = variables
        strings = CStringArray(environment: variables)
    }

    /// The block of `variables`: the last one made when it has the same variables.
    static func of(_ variables: [String: String]) -> EnvironmentBlock {
        if let last = last.withLock({ $0 }), last.variables == variables {
            return last
        }
        let block = EnvironmentBlock(variables)
        last.withLock { $0 = block }
        return block
    }
}
