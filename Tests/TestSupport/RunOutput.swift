import KernelProtocol

/// What one queued task sent back.
public struct RunOutput: Sendable {
    /// The frames as received: output may split a character between two of them.
    public let messages: [WireMessage]

    public init(messages: [WireMessage]) {
        self.messages = messages
    }

    /// Everything sent as stdout, concatenated, decoded at the end (so split characters rejoin).
    public var stdoutBytes: [UInt8] { bytes(of: .stdout) }
    public var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
    public var stderr: String { String(decoding: bytes(of: .stderr), as: UTF8.self) }
    /// The terminal frame's op.
    public var terminal: Op? { messages.last?.kind }
    /// How the task ended: the terminal frame's result; nil when the last frame carries none.
    public var result: RunResult? {
        messages.last.flatMap { try? OutboundMessage($0) }?.runResult
    }
    public var exitCode: Int? { result?.exitCode }
    /// The ops in order, for sequence checks (nil for a frame that names no op).
    public var ops: [Op?] { messages.map(\.kind) }

    private func bytes(of op: Op) -> [UInt8] {
        messages.filter { $0.kind == op }.flatMap(\.payload)
    }
}
