import KernelRunnerCore
import KernelRunnerInteractive

/// `app`: images that only serve apps (service ports, the agent's default runtime type for
/// images without labels). `build *` and `exec *` do nothing; query mode is served by whatever
/// Jupyter kernel the image installs, the first kernelspec found, as in the original.
struct AppRunner: BaseRunner {
    var logPrefix: String { "app-kernel" }

    func build(_ context: RunContext) async -> StepOutcome {
        context.log("batch-mode execution is not supported by the app runtime")
        return .success
    }

    func execute(_ context: RunContext) async -> StepOutcome {
        context.log("batch-mode execution is not supported by the app runtime")
        return .success
    }

    /// Any kernelspec.
    var jupyterKernelName: String? { "" }
}
