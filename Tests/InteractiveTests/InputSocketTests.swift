import Foundation
import TestSupport
import Testing

@testable import KernelRunnerCore
@testable import KernelRunnerInteractive

extension Interactive {
    /// The Unix socket of the Backend.AI input hook (`/tmp/bai-user-input.sock` in containers).
    @Suite("Input hook socket", .timeLimit(.minutes(2)))
    struct InputSocketTests {
        /// What a program preloaded with the hook does: prompt, connect, read until the server
        /// closes, here reporting what arrived.
        static let hook = """
            import hashlib, socket, sys
            print('Name? ', end='', flush=True)
            client = socket.socket(socket.AF_UNIX)
            client.connect(sys.argv[1])
            data = b''
            while True:
                chunk = client.recv(65536)
                if not chunk:
                    break
                data += chunk
            print(len(data), hashlib.sha256(data).hexdigest())
            """

        /// Runs `body` with a daemon whose input socket is at the path it gets too, once the
        /// socket listens (see ``withDaemon``).
        private func withSocketDaemon(
            sourceLocation: SourceLocation = #_sourceLocation, _ body: (DaemonHarness, String) async throws -> Void
        ) async throws {
            let directory = try TemporaryDirectory.make(prefix: "kr-socket-")
            let path = directory + "/input.sock"
            try await withDaemon(
                language: "c", arguments: ["--input-socket", path],
                prepare: { work, _ in
                    try Self.hook.write(toFile: work + "/hook.py", atomically: true, encoding: .utf8)
                }, sourceLocation: sourceLocation
            ) { daemon in
                // The server starts with the daemon's loop, just after the ready file is written;
                // it listens only once the socket file has its mode.
                #expect(await eventually { Self.isListening(path) }, "the input socket never listened")
                try await body(daemon, path)
            }
        }

        /// Whether a socket listens at `path` (`__SO_ACCEPTCON` in `/proc/net/unix`), found
        /// without connecting to it.
        static func isListening(_ path: String) -> Bool {
            let table = (try? String(contentsOfFile: "/proc/net/unix", encoding: .utf8)) ?? ""
            return table.split(separator: "\n").contains { line in
                let fields = line.split(separator: " ")
                return fields.count == 8 && fields[3] == "00010000" && fields[7] == path
            }
        }

        @Test(.enabled(if: Toolchain.available("python3"), "python3 is not installed"))
        func aConnectionGetsTheRunsNextInputInFull() async throws {
            try await withSocketDaemon { daemon, path in
                var info = stat()
                #expect(lstat(path, &info) == 0 && info.st_mode & 0o777 == 0o600, "the socket must be owner-only")

                try daemon.client.send(.exec("python3 hook.py \(path)"))
                let asked = try await daemon.collect(until: .waitingInput)
                #expect(asked.stdout == "Name? ")
                #expect(asked.messages.last?.payload == Array(#"{"is_password": false}"#.utf8))
                let answer = String(repeating: "0123456789abcdef", count: 320) + "é"
                try daemon.client.send(.input(answer))
                let done = try await daemon.collect(until: .finished)
                let bytes = Array(answer.utf8)
                #expect(done.stdout == "\(bytes.count) \(Self.sha256(bytes))\n", "stderr: \(done.stderr)")
                #expect(done.exitCode == 0)
            }
        }

        @Test func withNoRunTheHookIsToldInputIsUnsupported() async throws {
            try await withSocketDaemon { daemon, path in
                let reply = try Self.connectAndRead(path)
                #expect(reply == "<user-input is unsupported>")
            }
        }

        @Test(.enabled(if: Toolchain.available("python3"), "python3 is not installed"))
        func aPendingConnectionDoesNotHoldUpShutdown() async throws {
            try await withSocketDaemon { daemon, path in
                try daemon.client.send(.exec("python3 hook.py \(path)"))
                _ = try await daemon.collect(until: .waitingInput)
                let (status, elapsed) = await daemon.stop()
                #expect(status?.reason == .exited(0), "the daemon had to be killed, or failed: \(daemon.log)")
                #expect(elapsed < TimeBound.shutdown)
                #expect(!FileManager.default.fileExists(atPath: path), "the socket file stays behind")
            }
        }

        /// Connects like the hook and reads the whole reply.
        static func connectAndRead(_ path: String) throws -> String {
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            guard connected == 0 else { throw HarnessError("connect \(path): \(String(cString: strerror(errno)))") }
            var reply: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while case let count = read(fd, &buffer, buffer.count), count > 0 {
                reply += buffer.prefix(count)
            }
            return String(decoding: reply, as: UTF8.self)
        }

        static func sha256(_ bytes: [UInt8]) -> String {
            SHA256.hash(bytes).map { String(format: "%02x", $0) }.joined()
        }
    }
}
