public import KernelRunnerCore
public import KernelRunnerServices
public import Logging

extension KernelRunnerDaemon {
    /// Everything a daemon is told at start; every default is the container's.
    public struct Configuration: Sendable {
        /// The runtime type to serve (the image's `ai.backend.runtime-type`).
        public var language: String
        /// The toolchain (the image's `ai.backend.runtime-path`); nil for the language's default.
        public var runtimePath: String?
        /// Where to bind both sockets: all interfaces by default, `127.0.0.1` for tests.
        public var bindAddress = "*"
        /// The PULL port (agent → runner); nil for `intrinsic-ports.json`'s `replin`, else 2000.
        /// 0 picks a free port.
        public var inputPort: Int?
        /// The PUSH port (runner → agent); nil for `replout`, else 2001. 0 picks a free port.
        public var outputPort: Int?
        /// Paths, limits, interrupts and query mode.
        public var runner = RunnerConfiguration()
        /// Service ports: timeouts and where the intrinsic binaries are.
        public var services = ServiceSettings()
        /// A jail policy file (YAML) to apply and enforce in the kernel; nil for none.
        public var policyPath: String?
        /// Refuse to start unless the kernel enforces every rule of the policy (the jail's
        /// default policy when there is no file).
        public var requiresSandbox = false
        /// Where to write the bound endpoints and the pid as JSON once bound (for tests and
        /// scripts using port 0).
        public var readyFile: String?
        public var logLevel = Logger.Level.info

        public init(language: String, runtimePath: String? = nil) {
            self.language = language
            self.runtimePath = runtimePath
        }
    }
}
