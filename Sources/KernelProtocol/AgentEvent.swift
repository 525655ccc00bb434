/// The payload of `event`: `{"type": str, "data": any}`.
public struct AgentEvent: Sendable, Equatable, Codable {
    /// The event kind, e.g. `"oom"`.
    public var type: String
    /// Whatever the agent attached.
    public var data: JSONValue?

    /// Creates an event.
    public init(type: String, data: JSONValue? = nil) {
        self.type = type
        self.data = data
    }
}
