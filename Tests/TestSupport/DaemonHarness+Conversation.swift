import KernelProtocol

extension DaemonHarness {
    /// Runs `code` in query mode, answering its first input request with `input`.
    public func query(_ code: String, input: String, timeout: Duration = TimeBound.hang(after: .seconds(120))) async throws -> RunOutput {
        try client.send(.code(code))
        let beforeInput = try await collect(until: .waitingInput, timeout: timeout)
        try client.send(.input(input))
        let afterInput = try await collect(until: .finished, timeout: timeout)
        return RunOutput(messages: beforeInput.messages + afterInput.messages)
    }

    /// The completion fallback's suggestions for `code`.
    public func complete(_ code: String) async throws -> [String] {
        try client.send(.complete(CompletionRequest(code: code)))
        // Beyond the daemon's own bound for a kernel that is still loading its completer (10 s).
        let reply = try await collect(until: .completion, timeout: TimeBound.hang(after: .seconds(30)))
        guard let last = reply.messages.last, case .completion(let suggestions) = try OutboundMessage(last) else { return [] }
        return suggestions
    }
}
