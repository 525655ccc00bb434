import FoundationEssentials
import Glibc
public import KernelProtocol
public import KernelRunnerCore
import SystemSupport

/// The services of every container (spec §1, §15): dropbear as `sshd` and `ttyd`, run from
/// the binaries the agent mounts into the kernel directory (`/opt/kernel`).
public enum IntrinsicService: String, Sendable, CaseIterable {
    case sshd
    case ttyd

    /// The port when `intrinsic-ports.json` does not say otherwise.
    public var defaultPort: Int {
        switch self {
        case .sshd: 2200
        case .ttyd: 7681
        }
    }

    /// The protocol of the `start-service` request that starts it at boot.
    public var serviceProtocol: String {
        switch self {
        case .sshd: "tcp"
        case .ttyd: "http"
        }
    }

    /// The binary that must exist for the service to start.
    public func binary(in settings: ServiceSettings) -> String {
        switch self {
        case .sshd: settings.kernelDirectory + "/dropbearmulti"
        case .ttyd: settings.kernelDirectory + "/ttyd"
        }
    }

    /// The start request used at boot, on the port from `intrinsic-ports.json` if given.
    public func bootRequest(ports: IntrinsicPorts) -> ServiceRequest {
        let port: Int
        switch self {
        case .sshd: port = ports.sshd ?? defaultPort
        case .ttyd: port = ports.ttyd ?? defaultPort
        }
        return ServiceRequest(name: rawValue, port: port, ports: [port], protocol: serviceProtocol)
    }

    /// How to run it, listening on `ports`.
    func definition(
        ports: [Int], configuration: RunnerConfiguration, settings: ServiceSettings,
        fileExists: (String) -> Bool = FileSystem.exists
    ) -> ServiceDefinition {
        let binary = ServiceTemplate.escape(binary(in: settings))
        switch self {
        case .sshd:
            let hostKey = ServiceTemplate.escape(DropbearKeys.hostKeyPath(configuration: configuration, settings: settings))
            // -E logs to stderr, -F stays in the foreground, -K 15 keeps connections alive, -I 0
            // never drops idle ones, -w refuses root. -s refuses password logins for every user
            // (the original's -g only for root): users log in with keys, and `work` has no
            // password worth guessing.
            var argv = [binary, "dropbear", "-r", hostKey, "-E", "-F", "-s", "-w", "-K", "15", "-I", "0"]
            for port in ports { argv += ["-p", "0.0.0.0:\(port)"] }
            return ServiceDefinition(command: .argv(argv))
        case .ttyd:
            let shell = ["zsh", "bash", "ash"].first { fileExists("/bin/\($0)") } ?? "sh"
            // -W: since ttyd 1.7 the terminal is read-only without it.
            var argv = [binary, "-W", "-p", "{ports[0]}", "/bin/\(shell)"]
            let tmux = settings.kernelDirectory + "/tmux"
            // Each browser tab joins one shared tmux session, created by the first; busybox
            // ash images get a plain shell, as in the original.
            if shell != "ash", fileExists(tmux) {
                argv += ["-c", ServiceTemplate.escape("export SHELL=/bin/\(shell); \(tmux) -2 new-session -A -s main")]
            }
            return ServiceDefinition(command: .argv(argv))
        }
    }
}
