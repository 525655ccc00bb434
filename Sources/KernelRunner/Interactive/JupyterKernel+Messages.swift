import KernelProtocol
import KernelRunnerCore

extension JupyterKernel {
    /// IOPub: the output of the snippet in progress.
    func handleIOPub(_ message: JupyterMessage?) {
        guard let message,
            let run = state.withLock({ state -> RunContext? in
                guard let execution = state.execution, message.parentID == execution.requestID else { return nil }
                state.execution?.isAccepted = true
                return execution.run
            })
        else { return }
        let content = message.content
        switch message.type {
        case "stream":
            guard let text = content["text"]?.string else { return }
            run.emit(content["name"]?.string == "stderr" ? .stderr(Array(text.utf8)) : .stdout(Array(text.utf8)))
        case "display_data", "execute_result", "update_display_data":
            if let data = content["data"], let output = MimeBundle.message(for: data) {
                run.emit(output)
            }
        case "error":
            let outcome = Self.outcome(name: content["ename"]?.string, value: content["evalue"]?.string)
            state.withLock { $0.execution?.outcome = outcome }
            // `sys.exit(n)` is not a failure worth a traceback; its code is the result.
            guard content["ename"]?.string != "SystemExit" else { return }
            let traceback = (content["traceback"]?.array ?? []).compactMap(\.string).joined(separator: "\n").removingANSIEscapes
            run.emit(.stderr(Array((traceback.hasSuffix("\n") ? traceback : traceback + "\n").utf8)))
        case "status":
            if content["execution_state"]?.string == "idle" {
                finishExecution { $0.isIdle = true }
            }
        default:
            break
        }
    }

    /// Shell: replies to our requests.
    func handleShell(_ message: JupyterMessage?, hasKernelInfo: inout Bool) {
        guard let message else { return }
        switch message.type {
        case "kernel_info_reply":
            hasKernelInfo = true
        case "execute_reply":
            let content = message.content
            finishExecution { execution in
                guard execution.requestID == message.parentID else { return }
                execution.isReplied = true
                if execution.outcome == nil, let status = content["status"]?.string, status != "ok" {
                    execution.outcome = Self.outcome(name: content["ename"]?.string, value: content["evalue"]?.string)
                }
            }
        case "complete_reply":
            guard let parent = message.parentID else { return }
            let matches = (message.content["matches"]?.array ?? []).compactMap(\.string)
            state.withLock { state in
                if case .loading(let requestID) = state.completer, requestID == parent {
                    state.completer = .ready
                }
                return state.completions.removeValue(forKey: parent)
            }?.fulfil(matches)
        default:
            break
        }
    }

    /// Stdin: the snippet asks for input; the prompt goes out first, then `waiting-input`.
    func handleStdin(_ message: JupyterMessage?) {
        guard let message, message.type == "input_request",
            let run = state.withLock({ $0.execution?.run })
        else { return }
        let prompt = message.content["prompt"]?.string ?? ""
        if !prompt.isEmpty {
            run.emit(.stdout(Array(prompt.utf8)))
        }
        let request = message.header
        run.requestInput(isPassword: message.content["password"]?.bool ?? false) { [self] text in
            // No answer when the run ended first: the kernel was interrupted out of its prompt.
            guard let text else { return }
            // input() returns the line without its end, like a terminal would give it.
            // ("\r\n" is a single Character.)
            let line = text.hasSuffix("\n") || text.hasSuffix("\r\n") ? String(text.dropLast()) : text
            send(JupyterMessage("input_reply", session: session, content: ["value": .string(line)], parent: request), on: .stdin)
        }
    }

    /// The outcome of a failed snippet: `SystemExit`'s code (none → success, not an int →
    /// failed), else failed.
    static func outcome(name: String?, value: String?) -> StepOutcome {
        guard name == "SystemExit" else { return .failed }
        let value = value ?? ""
        if value.isEmpty || value == "None" { return .success }
        return Int(value).map(StepOutcome.exited) ?? .failed
    }

    /// Applies `update` to the snippet in progress and ends it once it is replied and idle.
    private func finishExecution(_ update: (inout Execution) -> Void) {
        let finished: Execution? = state.withLock { state in
            guard var execution = state.execution else { return nil }
            update(&execution)
            guard execution.isReplied, execution.isIdle else {
                state.execution = execution
                return nil
            }
            state.execution = nil
            return execution
        }
        finished?.continuation.resume(returning: finished?.outcome ?? .success)
    }
}
