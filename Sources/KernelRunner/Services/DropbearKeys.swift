import Glibc
import KernelRunnerCore
import Logging
import ProcessSupervision
import SystemSupport

/// The keys sshd needs (the original's `init_sshd_service`): a host key, and on first start a
/// user key pair whose public half goes into `~/.ssh/authorized_keys` and whose private half
/// is left in the work directory as `id_container` for the user to download. A cluster key
/// from the agent (`<config>/ssh/id_cluster.pub`) is authorised too, and `~/.ssh/config` gets
/// the session's other containers (``ClusterSSHConfig``).
struct DropbearKeys {
    var settings: ServiceSettings
    var configuration: RunnerConfiguration
    var environment: [String: String]
    var logger: Logger

    /// Key generation takes a second or two; this bounds a stuck helper.
    private static let helperTimeout = Duration.seconds(60)

    /// The host key: the agent's (`<config>/ssh/dropbear_rsa_host_key`, the same for every
    /// start of the session, so clients do not see a changed key), else one generated here.
    static func hostKeyPath(configuration: RunnerConfiguration, settings: ServiceSettings) -> String {
        let agentKey = configuration.configDirectory + "/ssh/dropbear_rsa_host_key"
        return FileSystem.exists(agentKey) ? agentKey : settings.sshKeyDirectory + "/dropbear_rsa_host_key"
    }

    /// Creates whatever is missing; existing keys are kept.
    func prepare() async throws(ServiceError) {
        do {
            try FileSystem.makeDirectory(settings.sshKeyDirectory, mode: 0o700)
        } catch {
            throw ServiceError(.prestart, "sshd init error: cannot create \(settings.sshKeyDirectory): \(error)")
        }
        let hostKey = Self.hostKeyPath(configuration: configuration, settings: settings)
        if !FileSystem.exists(hostKey) {
            _ = try await dropbear(["dropbearkey", "-t", "rsa", "-s", "2048", "-f", hostKey])
            logger.info("sshd: generated the host key \(hostKey)")
        }
        let sshDirectory = configuration.homeDirectory + "/.ssh"
        let authorizedKeys = sshDirectory + "/authorized_keys"
        if FileSystem.exists(authorizedKeys) {
            // sshd refuses keys that others can write; fix what a copied home may have broken.
            chmod(sshDirectory, 0o700)
            chmod(authorizedKeys, 0o600)
        } else {
            try await createUserKey(authorizedKeys: authorizedKeys, sshDirectory: sshDirectory)
        }
        authorizeClusterKey(in: authorizedKeys)
        writeClusterConfig(into: sshDirectory + "/config")
    }

    private func writeClusterConfig(into path: String) {
        guard let cluster = ClusterSSHConfig(configDirectory: configuration.configDirectory, environment: environment) else { return }
        let existing = FileSystem.text(of: path) ?? ""
        let merged = cluster.merged(into: existing)
        guard merged != existing else { return }
        do {
            try FileSystem.write(merged.utf8, to: path)
            chmod(path, 0o600)
        } catch {
            logger.warning("sshd: cannot write the cluster entries to \(path): \(error)")
        }
    }

    private func createUserKey(authorizedKeys: String, sshDirectory: String) async throws(ServiceError) {
        let privateKey = settings.sshKeyDirectory + "/id_dropbear"
        unlink(privateKey)
        let output = try await dropbear(["dropbearkey", "-t", "rsa", "-s", "2048", "-f", privateKey])
        // dropbearkey prints "Public key portion is:", the key line, then a fingerprint.
        guard let publicKey = output.split(separator: "\n").first(where: { $0.hasPrefix("ssh-") }) else {
            throw ServiceError(.prestart, "sshd init error: dropbearkey printed no public key")
        }
        do {
            try FileSystem.makeDirectory(sshDirectory, mode: 0o700)
            try FileSystem.write((publicKey + "\n").utf8, to: authorizedKeys)
        } catch {
            throw ServiceError(.prestart, "sshd init error: cannot write \(authorizedKeys): \(error)")
        }
        chmod(authorizedKeys, 0o600)
        _ = try await dropbear(["dropbearconvert", "dropbear", "openssh", privateKey, configuration.workingDirectory + "/id_container"])
        logger.info("sshd: generated the user key pair (public half in \(authorizedKeys))")
    }

    private func authorizeClusterKey(in authorizedKeys: String) {
        guard let text = FileSystem.text(of: configuration.configDirectory + "/ssh/id_cluster.pub") else { return }
        let key = String(text.trimmingWhitespace)
        let existing = FileSystem.text(of: authorizedKeys) ?? ""
        // The original appends on every start; once is enough.
        guard !key.isEmpty, !existing.contains(key) else { return }
        try? FileSystem.append("\n\(key)\n".utf8, to: authorizedKeys)
    }

    /// Runs one of dropbearmulti's programs and returns its stdout.
    private func dropbear(_ arguments: [String]) async throws(ServiceError) -> String {
        let binary = IntrinsicService.sshd.binary(in: settings)
        let spec = ProcessSpec(
            executable: binary, arguments: arguments, environment: environment, workingDirectory: configuration.workingDirectory)
        let result: CapturedCommand.Result
        do {
            result = try await CapturedCommand.run(spec, timeout: Self.helperTimeout)
        } catch {
            throw ServiceError(error, executable: binary)
        }
        guard let status = result.status, status.exitCode == 0 else {
            let detail = String(String(decoding: result.stderr, as: UTF8.self).trimmingWhitespace)
            throw ServiceError(.prestart, "sshd init error: \(arguments[0]) failed: \(detail)")
        }
        return String(decoding: result.stdout, as: UTF8.self)
    }
}
