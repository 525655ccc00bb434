import Foundation

extension String {
    /// How many times `fragment` occurs, not overlapping (a log line counted in a daemon's log).
    public func occurrences(of fragment: String) -> Int {
        guard !fragment.isEmpty else { return 0 }
        var count = 0
        var rest = self[...]
        while let found = rest.range(of: fragment) {
            count += 1
            rest = rest[found.upperBound...]
        }
        return count
    }
}
