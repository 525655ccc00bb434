/// Every fuzz target, by name.
extension FuzzTarget {
    /// The targets, in the order `scripts/fuzz` runs them.
    public static let all: [FuzzTarget] = [
        .inboundMessage,
        .jsonPayload(op: .complete),
        .jsonPayload(op: .event),
        .jsonPayload(op: .startService),
        .jsonPayload(op: .shutdownService),
        .jsonPayload(op: .startModelService),
        .environFile,
        .intrinsicPorts,
        .serviceDefinition,
        .jailPolicy,
        .languageSpec,
    ]

    /// The target called `name`, if there is one.
    public static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }
}
