/// Routing the user's `input` to whatever in the task asked for it.
extension RunContext {
    /// Queues text typed by the user; it goes to the child as soon as one asks.
    func provideInput(_ text: String) {
        state.withLock { $0.pendingInputs.append(text) }
        deliverPendingInput()
    }

    /// Sends `waiting-input` for a reader that is not a child of this task and hands it the
    /// task's next `input`, verbatim (at once if one is queued); nil if the task ends first.
    package func requestInput(isPassword: Bool, deliver: @escaping @Sendable (String?) -> Void) {
        let ask: @Sendable () -> Void = { [self] in
            sink.send(.waitingInput(isPassword: isPassword))
            state.withLock { $0.inputRequests.append(deliver) }
            deliverPendingInput()
        }
        // The prompt the reader printed before asking may still be in the child's pipe.
        if let process = state.withLock({ $0.process }) {
            process.afterDeliveringOutput(ask)
        } else {
            ask()
        }
    }

    func deliverPendingInput() {
        let delivery: (@Sendable (String) -> Void, String)? = state.withLock { state in
            guard !state.pendingInputs.isEmpty else { return nil }
            if state.waitingForInput, let process = state.process {
                state.waitingForInput = false
                return ({ process.writeInput(Self.inputLine($0)) }, state.pendingInputs.removeFirst())
            }
            guard !state.inputRequests.isEmpty else { return nil }
            let request = state.inputRequests.removeFirst()
            return ({ request($0) }, state.pendingInputs.removeFirst())
        }
        guard let (deliver, text) = delivery else { return }
        deliver(text)
    }

    /// `text` as a line for a program's stdin: a newline is added unless it ends with one.
    package static func inputLine(_ text: String) -> [UInt8] {
        Array((text.hasSuffix("\n") ? text : text + "\n").utf8)
    }
}
