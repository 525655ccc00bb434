/// Timeouts and container paths of the service room; the defaults are the original's.
public struct ServiceSettings: Sendable {
    /// How long a started service has to open its port (`DEFAULT_SERVICE_LAUNCH_TIMEOUT_SEC`).
    /// The agent waits 35 s for the reply, so the default leaves it time to arrive.
    public var launchTimeout: Duration
    /// The port wait of the intrinsic services sshd and ttyd.
    public var intrinsicLaunchTimeout: Duration
    /// Between SIGTERM and SIGKILL when a service is stopped. Also used after a launch
    /// timeout (the original waits 10 s there, which pushes the reply past the agent's
    /// 35 s).
    public var terminationGrace: Duration
    /// Where the agent mounts the intrinsic binaries (`dropbearmulti`, `ttyd`, `tmux`).
    public var kernelDirectory: String
    /// Where dropbear's host key and the generated user key are kept.
    public var sshKeyDirectory: String

    /// The container defaults.
    public init(
        launchTimeout: Duration = .seconds(30),
        intrinsicLaunchTimeout: Duration = .seconds(10),
        terminationGrace: Duration = .seconds(2),
        kernelDirectory: String = "/opt/kernel",
        sshKeyDirectory: String = "/tmp/dropbear"
    ) {
        self.launchTimeout = launchTimeout
        self.intrinsicLaunchTimeout = intrinsicLaunchTimeout
        self.terminationGrace = terminationGrace
        self.kernelDirectory = kernelDirectory
        self.sshKeyDirectory = sshKeyDirectory
    }
}
