/// Why a Dockerfile could not be read by ``Dockerfile/init(parsing:)``.
struct DockerfileParseError: Error, Equatable, CustomStringConvertible {
    enum Code: Equatable {
        /// An instruction before the first `FROM`.
        case outsideStage
        /// A quote that never closes.
        case unterminatedQuote
        /// A `LABEL`/`ENV` word without `=`, a `FROM` or `COPY` without its arguments.
        case malformedArguments
        /// `CMD`/`ENTRYPOINT` starting with `[` that is not a JSON list of strings.
        case malformedExecForm
    }

    let code: Code
    /// The 1-based line where the instruction starts.
    let line: Int
    let detail: String

    var description: String { "line \(line): \(detail)" }
}
