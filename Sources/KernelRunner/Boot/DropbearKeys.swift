import Foundation
import Logging
import ProcessSupervision

/// The keys sshd needs (the original's `init_sshd_service`): a host key, and on first start a
/// user key pair whose public half goes into `~/.ssh/authorized_keys` and whose private half
/// is left in the work directory as `id_container` for the user to download. A cluster key
/// from the agent (`<config>/ssh/id_cluster.pub`) is authorised too.
struct DropbearKeys {
    var settings: ServiceSettings
    var configuration: RunnerConfiguration
    var environment: [String: String]
    var logger: Logger

    /// Key generation takes a second or two; this bounds a stuck helper.
    private static let helperTimeout = Duration.seconds(60)

    static func hostKeyPath(in settings: ServiceSettings) -> String {
        settings.sshKeyDirectory + "/dropbear_rsa_host_key"
    }

    /// Creates whatever is missing; existing keys are kept.
    func prepare() async throws(ServiceError) {
        let fileManager = FileManager.default
        do {
            try fileManager.createDirectory(atPath: settings.sshKeyDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ServiceError(.prestart, "sshd init error: cannot create \(settings.sshKeyDirectory): \(error.localizedDescription)")
        }
        let hostKey = Self.hostKeyPath(in: settings)
        if !fileManager.fileExists(atPath: hostKey) {
            _ = try await dropbear(["dropbearkey", "-t", "rsa", "-s", "2048", "-f", hostKey])
            logger.info("sshd: generated the host key \(hostKey)")
        }
        let sshDirectory = configuration.homeDirectory + "/.ssh"
        let authorizedKeys = sshDirectory + "/authorized_keys"
        if fileManager.fileExists(atPath: authorizedKeys) {
            // sshd refuses keys that others can write; fix what a copied home may have broken.
            chmod(sshDirectory, 0o700)
            chmod(authorizedKeys, 0o600)
        } else {
            try await createUserKey(authorizedKeys: authorizedKeys, sshDirectory: sshDirectory)
        }
        authorizeClusterKey(in: authorizedKeys)
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
            try FileManager.default.createDirectory(atPath: sshDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try Data((publicKey + "\n").utf8).write(to: URL(fileURLWithPath: authorizedKeys))
        } catch {
            throw ServiceError(.prestart, "sshd init error: cannot write \(authorizedKeys): \(error.localizedDescription)")
        }
        chmod(authorizedKeys, 0o600)
        _ = try await dropbear(["dropbearconvert", "dropbear", "openssh", privateKey, configuration.workingDirectory + "/id_container"])
        logger.info("sshd: generated the user key pair (public half in \(authorizedKeys))")
    }

    private func authorizeClusterKey(in authorizedKeys: String) {
        guard let data = FileManager.default.contents(atPath: configuration.configDirectory + "/ssh/id_cluster.pub") else { return }
        let key = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let existing = FileManager.default.contents(atPath: authorizedKeys).map { String(decoding: $0, as: UTF8.self) } ?? ""
        // The original appends on every start; once is enough.
        guard !key.isEmpty, !existing.contains(key), let handle = FileHandle(forWritingAtPath: authorizedKeys) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data("\n\(key)\n".utf8))
    }

    /// Runs one of dropbearmulti's programs and returns its stdout.
    private func dropbear(_ arguments: [String]) async throws(ServiceError) -> String {
        let binary = IntrinsicService.sshd.binary(in: settings)
        let spec = ProcessSpec(executable: binary, arguments: arguments, environment: environment, workingDirectory: configuration.workingDirectory)
        let result: CapturedCommand.Result
        do {
            result = try await CapturedCommand.run(spec, timeout: Self.helperTimeout)
        } catch {
            throw ServiceError(error, executable: binary)
        }
        guard let status = result.status, status.exitCode == 0 else {
            let detail = String(decoding: result.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw ServiceError(.prestart, "sshd init error: \(arguments[0]) failed: \(detail)")
        }
        return String(decoding: result.stdout, as: UTF8.self)
    }
}
