public import ProcessSupervision

/// Confines the programs the daemon starts (a jail policy's sandbox, built by the policy room).
public protocol Sandboxing: Sendable {
    /// What the spawn applies to a new child; refused calls of it and its descendants are
    /// recorded in `denials`.
    func confinement(reportingTo denials: PolicyDenials) -> Confinement
}
