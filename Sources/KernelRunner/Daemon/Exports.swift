// Types of the rooms' public API that come from below: StandardIO, TerminationStatus,
// CompletionRequest, OutboundMessage.
@_exported public import KernelProtocol
// `import KernelRunner` is all an image author's runner package needs: the rooms' public API
// comes with it.
@_exported public import KernelRunnerBoot
@_exported public import KernelRunnerCore
@_exported public import KernelRunnerInteractive
@_exported public import KernelRunnerLanguages
@_exported public import KernelRunnerPolicy
@_exported public import KernelRunnerServices
@_exported public import ProcessSupervision
