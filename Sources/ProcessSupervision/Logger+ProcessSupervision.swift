import Logging

extension Logger {
    /// The logger of this module.
    static let processSupervision = Logger(label: "kernel-runner.process-supervision")
}
