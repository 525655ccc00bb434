import KernelRunnerCore
import KernelRunnerPolicy
import Logging
import Sandbox

extension KernelRunnerDaemon {
    /// The sandbox every child starts in: the policy's, or the jail's default policy's when
    /// only `requiresSandbox` is set; nil (unconfined, as under no jail) without either.
    ///
    /// Without `requiresSandbox`, whatever this kernel cannot enforce is logged and left out.
    func makeSandbox(_ policy: JailPolicy?, logger: Logger) throws(ConfigurationError) -> JailSandbox? {
        guard let policy = policy ?? (configuration.requiresSandbox ? JailPolicy() : nil) else { return nil }
        let source = configuration.policyPath ?? "the default jail policy"
        let sandbox: JailSandbox
        do {
            sandbox = try JailSandbox(policy: policy)
        } catch {
            guard !configuration.requiresSandbox else {
                throw ConfigurationError(.sandboxUnavailable, path: source, detail: "cannot build the sandbox: \(error)")
            }
            logger.warning("sandbox: cannot be built (\(error)); programs run without it")
            return nil
        }
        let plan = sandbox.plan
        logger.info("sandbox: \(plan.summary)")
        if !plan.unknownSyscalls.isEmpty {
            logger.warning(
                "sandbox: allowed_syscalls names no syscall of this architecture: \(plan.unknownSyscalls.joined(separator: ", "))")
        }
        for rule in plan.unenforced {
            logger.warning("sandbox: not enforced: \(rule)")
        }
        if configuration.requiresSandbox && !plan.isComplete {
            throw ConfigurationError(
                .sandboxUnavailable, path: source,
                detail: "--require-sandbox: not enforced here: \(plan.unenforced.joined(separator: "; "))")
        }
        do {
            try DaemonProtection.hideMemory()
        } catch {
            throw ConfigurationError(.sandboxUnavailable, path: source, detail: "\(error)")
        }
        return sandbox
    }
}
