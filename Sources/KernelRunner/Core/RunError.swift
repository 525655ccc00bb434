import Glibc

/// A failure of the runner itself while serving a task (the step answers
/// ``StepOutcome/runnerFailure``).
public struct RunError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable {
        case scratchDirectory
        case writeFile
        case makeDirectory
    }

    public let code: Code
    public let errno: Int32

    public init(_ code: Code, errno: Int32) {
        self.code = code
        self.errno = errno
    }

    public var description: String {
        let what =
            switch code {
            case .scratchDirectory: "cannot create a scratch directory"
            case .writeFile: "cannot write a file"
            case .makeDirectory: "cannot create a directory"
            }
        return "\(what): \(String(cString: strerror(errno)))"
    }
}
