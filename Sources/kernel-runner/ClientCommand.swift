import ArgumentParser
import Foundation
import KernelClient
import KernelProtocol
import MessagePack

/// Plays the agent against a running daemon: runs a query or a batch, streams the output,
/// answers input requests from the terminal and forwards Ctrl-C as `interrupt`.
struct ClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "Run code on a kernel-runner daemon, as the agent would.",
        discussion: """
            Query mode: kernel-runner client -c 'print(1)'   or   kernel-runner client snippet.py
            Batch mode: kernel-runner client --build '*' --exec '*'
            The exit status is the run's exit code (128+N when killed by signal N).
            """
    )

    @Option(help: "The daemon's host.")
    var host: String = "127.0.0.1"

    @Option(name: .customLong("in-port"), help: "The daemon's PULL port (agent → runner).")
    var inputPort: Int = 2000

    @Option(name: .customLong("out-port"), help: "The daemon's PUSH port (runner → agent).")
    var outputPort: Int = 2001

    @Option(name: [.customShort("c"), .long], help: "Code to run in query mode.")
    var code: String?

    @Argument(help: "A file whose contents to run in query mode.")
    var file: String?

    @Option(help: "Batch clean step (\"*\" = heuristic).")
    var clean: String?

    @Option(help: "Batch build step (\"*\" = heuristic).")
    var build: String?

    @Option(help: "Batch exec step (\"*\" = heuristic).")
    var exec: String?

    @Flag(help: "Ask for the daemon's status and print it.")
    var status = false

    @Option(help: "Ask for completions of this text and print them.")
    var complete: String?

    @Option(help: "Seconds to wait for the daemon to answer anything.")
    var timeout: Double = 3600

    func validate() throws {
        let modes = [code != nil || file != nil, clean != nil || build != nil || exec != nil, status, complete != nil]
        guard modes.filter({ $0 }).count == 1 else {
            throw ValidationError("choose one of: -c CODE / FILE, --clean/--build/--exec, --status, --complete")
        }
    }

    func run() async throws {
        let client = try AgentClient(host: host, inputPort: inputPort, outputPort: outputPort)
        defer { client.close() }
        let interrupts = InterruptForwarder { client.send("interrupt") }
        defer { interrupts.cancel() }

        if status {
            client.send("status")
            let reply = try await expect("status", from: client)
            print(String(describing: try MessagePackValue.decode(reply.payload)))
            return
        }
        if let complete {
            client.send("complete", text: #"{"code": \#(jsonString(complete))}"#)
            let reply = try await expect("completion", from: client)
            print(String(decoding: reply.payload, as: UTF8.self))
            return
        }
        let terminalOps: [String]
        if code != nil || file != nil {
            let source = try code ?? String(contentsOfFile: file!, encoding: .utf8)
            client.send("code", text: source)
            terminalOps = ["finished"]
        } else {
            client.send("clean", text: clean ?? "")
            client.send("build", text: build ?? "")
            client.send("exec", text: exec ?? "")
            terminalOps = ["clean-finished", "build-finished", "finished"]
        }
        var exitCode = 0
        for terminal in terminalOps {
            let result = try await stream(until: terminal, from: client)
            if terminal != "finished", result != 0 {
                FileHandle.standardError.write(Data("[\(terminal): exit code \(result)]\n".utf8))
            }
            exitCode = terminal == "clean-finished" ? exitCode : result
        }
        throw ExitCode(exitCode >= 0 ? Int32(truncatingIfNeeded: exitCode) : 128 - Int32(truncatingIfNeeded: exitCode))
    }

    /// Prints output frames until `terminal` arrives; returns its exit code.
    private func stream(until terminal: String, from client: AgentClient) async throws -> Int {
        while true {
            guard let message = await client.next(timeout: .seconds(timeout)) else {
                throw ValidationError("no answer from the daemon within \(timeout) s")
            }
            switch message.opName {
            case "stdout":
                FileHandle.standardOutput.write(Data(message.payload))
            case "stderr":
                FileHandle.standardError.write(Data(message.payload))
            case "media":
                print("[media] \(String(decoding: message.payload.prefix(200), as: UTF8.self))")
            case "waiting-input":
                let line = await TerminalInput.readLine() ?? ""
                client.send("input", text: line)
            case terminal:
                let object = try? JSONSerialization.jsonObject(with: Data(message.payload)) as? [String: Any]
                return (object?["exitCode"] as? Int) ?? -1
            default:
                FileHandle.standardError.write(Data("[\(message.opName)] \(String(decoding: message.payload, as: UTF8.self))\n".utf8))
            }
        }
    }

    private func expect(_ op: String, from client: AgentClient) async throws -> WireMessage {
        while let message = await client.next(timeout: .seconds(timeout)) {
            if message.opName == op { return message }
        }
        throw ValidationError("no \(op) reply within \(timeout) s")
    }

    private func jsonString(_ text: String) -> String {
        let data = try? JSONSerialization.data(withJSONObject: [text], options: [])
        let array = data.map { String(decoding: $0, as: UTF8.self) } ?? "[\"\"]"
        return String(array.dropFirst().dropLast())
    }
}
