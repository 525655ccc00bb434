import ArgumentParser
import Glibc
import KernelClient
import KernelProtocol
import MessagePack
import SystemSupport

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
        // `interrupt` has no payload, so sending it cannot fail.
        try InterruptForwarder.start { try? client.send(.interrupt) }

        if status {
            try client.send(.status)
            let reply = try await expect(.status, from: client)
            print(String(describing: try MessagePackValue.decode(reply.payload)))
            return
        }
        if let complete {
            try client.send(.complete(CompletionRequest(code: complete)))
            let reply = try await expect(.completion, from: client)
            print(String(decoding: reply.payload, as: UTF8.self))
            return
        }
        let terminalOps: [Op]
        if code != nil || file != nil {
            let source = try code ?? String(decoding: FileSystem.read(file!, limit: .max), as: UTF8.self)
            try client.send(.code(source))
            terminalOps = [.finished]
        } else {
            try client.send(.clean(clean ?? ""))
            try client.send(.build(build ?? ""))
            try client.send(.exec(exec ?? ""))
            terminalOps = [.cleanFinished, .buildFinished, .finished]
        }
        var exitCode = 0
        for terminal in terminalOps {
            let result = try await stream(until: terminal, from: client)
            if terminal != .finished, result != 0 {
                try? FileSystem.writeAll("[\(terminal): exit code \(result)]\n".utf8, to: STDERR_FILENO)
            }
            exitCode = terminal == .cleanFinished ? exitCode : result
        }
        throw ExitCode(exitCode >= 0 ? Int32(truncatingIfNeeded: exitCode) : 128 - Int32(truncatingIfNeeded: exitCode))
    }

    /// Prints output frames until `terminal` arrives; returns its exit code.
    private func stream(until terminal: Op, from client: AgentClient) async throws -> Int {
        while true {
            guard let message = await client.next(timeout: .seconds(timeout)) else {
                throw ValidationError("no answer from the daemon within \(timeout) s")
            }
            switch message.kind {
            case .stdout?:
                try? FileSystem.writeAll(message.payload, to: STDOUT_FILENO)
            case .stderr?:
                try? FileSystem.writeAll(message.payload, to: STDERR_FILENO)
            case .media?:
                print("[media] \(String(decoding: message.payload.prefix(200), as: UTF8.self))")
            case .waitingInput?:
                let line = await TerminalInput.readLine() ?? ""
                try client.send(.input(line))
            case terminal?:
                return (try? OutboundMessage(message))?.runResult?.exitCode ?? -1
            default:
                try? FileSystem.writeAll(
                    "[\(message.opName)] \(String(decoding: message.payload, as: UTF8.self))\n".utf8, to: STDERR_FILENO)
            }
        }
    }

    private func expect(_ op: Op, from client: AgentClient) async throws -> WireMessage {
        while let message = await client.next(timeout: .seconds(timeout)) {
            if message.kind == op { return message }
        }
        throw ValidationError("no \(op) reply within \(timeout) s")
    }
}
