import Glibc
import ProcessSupervision
import Synchronization
import SystemSupport
import TestSupport
import Testing

@Suite("Output")
struct OutputTests {
    @Test func multiByteCharactersAreNeverSplit() async throws {
        let text = String(repeating: "€ä😀x", count: 500)
        // One write per byte, so every character straddles write boundaries.
        let script = """
            import os
            data = \"\(text)\".encode()
            for i in range(len(data)):
                os.write(1, data[i:i + 1])
            """
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            ProcessSpec(
                executable: "python3", arguments: ["-c", script], environment: ["PATH": inheritedPath],
                workingDirectory: "/"),
            handlers: recorder.handlers)
        _ = try #require(await finish(process))
        #expect(recorder.stdout == Array(text.utf8))
        for case .stdout(let chunk) in recorder.chunks {
            #expect(String(validating: chunk, as: UTF8.self) != nil)
        }
    }

    @Test(arguments: [
        ("\\377\\376abc", [0xFF, 0xFE, 0x61, 0x62, 0x63] as [UInt8]),
        ("abc\\342\\202", [0x61, 0x62, 0x63, 0xE2, 0x82]),
        ("\\200\\342\\202\\254", [0x80, 0xE2, 0x82, 0xAC]),
    ])
    func invalidAndTruncatedBytesPassThrough(printfFormat: String, expected: [UInt8]) async throws {
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(shellSpec("printf '\(printfFormat)'"), handlers: recorder.handlers)
        _ = try #require(await finish(process))
        #expect(recorder.stdout == expected)
    }

    @Test(arguments: [StandardIO.pipes, .terminalInput])
    func largeOutputArrivesCompleteAndInOrder(standardIO: StandardIO) async throws {
        let size = 8 * 1024 * 1024
        let recorder = Recorder()
        let process = try SupervisedProcess.spawn(
            shellSpec("yes 0123456789abcde | head -c \(size)", standardIO: standardIO), handlers: recorder.handlers)
        _ = try #require(await finish(process, within: TimeBound.hang(after: .seconds(60))))
        let expected = Array(repeating: Array("0123456789abcde\n".utf8), count: size / 16).flatMap { $0 }
        #expect(recorder.stdout.count == size)
        #expect(recorder.stdout == expected)
        #expect(recorder.chunks.allSatisfy { if case .stdout(let bytes) = $0 { bytes.count <= 64 * 1024 + 3 } else { true } })
    }

    @Test func blockingHandlerThrottlesTheWriter() async throws {
        let directory = makeTemporaryDirectory()
        let marker = "\(directory)/writer-finished"
        let size = 1024 * 1024
        let released = ConditionLock(false)
        let received = Atomic(0)
        let handlers = ProcessHandlers(output: { output in
            released.wait(until: { $0 })
            if case .stdout(let bytes) = output {
                received.add(bytes.count, ordering: .relaxed)
            }
        })
        let process = try SupervisedProcess.spawn(
            shellSpec("head -c \(size) /dev/zero; touch \(marker)"), handlers: handlers)
        // The pipe holds far less than the output: while the handler blocks, the writer cannot
        // finish. The claim is that nothing happens: the marker does not appear meanwhile.
        try await Task.sleep(for: TimeBound.quiet(for: .milliseconds(300)))
        #expect(!fileExists(marker))
        released.withLock { $0 = true }
        released.broadcast()
        _ = try #require(await finish(process))
        #expect(received.load(ordering: .relaxed) == size)
        #expect(fileExists(marker))
    }
}
