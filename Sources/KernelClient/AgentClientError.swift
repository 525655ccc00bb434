public import KernelProtocol

/// ``AgentClient/collect(until:timeout:)`` ended without seeing a terminal message.
public struct AgentClientError: Error, Sendable {
    /// Why collecting stopped.
    public enum Code: Sendable, Hashable {
        /// The timeout passed first.
        case timedOut
        /// The client was closed first.
        case closed
    }

    /// Why collecting stopped.
    public let code: Code
    /// Everything received before stopping, in order.
    public let collected: [WireMessage]

    /// Creates an error.
    public init(code: Code, collected: [WireMessage]) {
        self.code = code
        self.collected = collected
    }
}

extension AgentClientError: CustomStringConvertible {
    /// The reason and the ops received so far.
    public var description: String {
        let reason = code == .timedOut ? "timed out" : "client closed"
        return "\(reason) before a terminal message; received: \(collected.map(\.opName))"
    }
}
