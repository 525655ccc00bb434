import CSandbox

/// What this kernel can enforce.
public struct SandboxSupport: Sendable, Equatable {
    /// The Landlock ABI version; 0 when Landlock is unavailable or disabled.
    public var landlockABI: Int
    /// Whether seccomp filters can notify a supervisor (`SECCOMP_RET_USER_NOTIF`, Linux 5.0).
    public var seccompNotifications: Bool

    public init(landlockABI: Int, seccompNotifications: Bool) {
        self.landlockABI = landlockABI
        self.seccompNotifications = seccompNotifications
    }

    /// This machine's kernel, probed once.
    public static let current = SandboxSupport(
        landlockABI: Int(krs_landlock_abi()),
        seccompNotifications: krs_seccomp_notifications_available() == 1
    )
}
