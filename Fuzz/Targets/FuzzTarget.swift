/// One parser of untrusted input, and the properties its answer must have for any input.
///
/// The libFuzzer driver (`kernel-fuzz`) and the regression test both go through ``check(_:)``,
/// so an input saved under `Fuzz/regressions/<name>/` is replayed exactly as it was found.
public struct FuzzTarget: Sendable {
    /// The target's name: its folder under `Fuzz/corpus/` and `Fuzz/regressions/`.
    public let name: String
    /// A libFuzzer dictionary in `Fuzz/dictionaries/` (tokens of the format), if one helps.
    public let dictionary: String?
    private let body: @Sendable ([UInt8]) throws(InvariantViolation) -> Void

    init(_ name: String, dictionary: String? = nil, _ body: @escaping @Sendable ([UInt8]) throws(InvariantViolation) -> Void) {
        self.name = name
        self.dictionary = dictionary
        self.body = body
    }

    /// Feeds `input` to the parser. A bug that traps in the parser traps here too.
    ///
    /// - Throws: ``InvariantViolation`` when the parser's answer breaks a promise it makes.
    public func check(_ input: [UInt8]) throws(InvariantViolation) {
        try body(input)
    }
}

/// A promise of a parser that an input broke.
public struct InvariantViolation: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Fails with `message` unless `condition` holds.
func require(_ condition: Bool, _ message: @autoclosure () -> String) throws(InvariantViolation) {
    guard condition else { throw InvariantViolation(description: message()) }
}
