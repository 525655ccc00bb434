import Foundation
import ProcessSupervision

/// Keeps a persistent interpreter's output and events in the order it produced them.
///
/// Output reaches us through the process supervisor's I/O thread, events (media, end of run)
/// through the interpreter's channel, so either could overtake the other. Before each event
/// the interpreter writes a marker on stdout and stderr and says how many markers it has
/// written per stream. Here the output is cut at the markers (which are removed): a piece
/// after the k-th marker of its stream waits until the event that followed that marker went
/// out, and the event waits until the pieces before its markers went out. One thread (the
/// interpreter's channel thread) emits both, so nothing can interleave.
final class OrderedOutput: Sendable {
    private struct Piece {
        var output: ProcessOutput
        /// Markers seen on its stream before it.
        var epoch: Int
        var stream: Int
    }

    private struct State {
        /// Arrival order across both streams; per stream, epochs never decrease.
        var pieces: [Piece] = []
        var queuedBytes = 0
        /// Bytes that may be the start of a marker split across chunks, per stream.
        var held: [[UInt8]] = [[], []]
        var seen = [0, 0]
        /// Markers whose event went out, per stream: pieces up to this epoch may go out.
        var released = [0, 0]
        var isFinished = false
    }

    /// Beyond this much queued output the supervisor's I/O thread waits (and so the program
    /// slows down) instead of the queue growing while the agent is slow.
    static let queueLimit = 4 << 20

    /// The marker bytes (a terminal OSC sequence, invisible should one ever leak).
    let marker: [UInt8]
    private let newOutput: @Sendable () -> Void
    private let condition = NSCondition()
    nonisolated(unsafe) private var state = State()

    /// - Parameter newOutput: wakes the emitting thread.
    init(token: String, newOutput: @escaping @Sendable () -> Void) {
        marker = Array("\u{1B}]kernel-runner;\(token)\u{07}".utf8)
        self.newOutput = newOutput
    }

    /// Takes a chunk from the supervisor's I/O thread.
    func accept(_ output: ProcessOutput) {
        let (stream, bytes) = switch output {
        case .stdout(let bytes): (0, bytes)
        case .stderr(let bytes): (1, bytes)
        }
        condition.lock()
        while state.queuedBytes > Self.queueLimit, !state.isFinished {
            condition.wait()
        }
        split(state.held[stream] + bytes, stream: stream)
        condition.broadcast()
        condition.unlock()
        newOutput()
    }

    /// The pieces that may go out now, in arrival order.
    func takeReady() -> [ProcessOutput] {
        condition.lock()
        defer { condition.unlock() }
        return takeReadyLocked()
    }

    /// Before an event: waits until `marks[s]` markers came out of stream `s` (or `timeout`
    /// passed, or the output ended), handing `emit` every piece that may go out meanwhile.
    func awaitMarks(_ marks: [Int], timeout: Duration, emit: ([ProcessOutput]) -> Void) {
        let deadline = Date.now.addingTimeInterval(timeout.seconds)
        while true {
            condition.lock()
            var ready = takeReadyLocked()
            let reached = marks.count != 2 || state.isFinished || (state.seen[0] >= marks[0] && state.seen[1] >= marks[1])
            let timedOut = !reached && ready.isEmpty && !condition.wait(until: deadline)
            if timedOut {
                ready = takeReadyLocked()
            }
            condition.unlock()
            emit(ready)
            if reached || timedOut { return }
        }
    }

    /// After the event: what followed its markers may go out.
    func release(_ marks: [Int]) {
        guard marks.count == 2 else { return }
        condition.lock()
        state.released = zip(state.released, marks).map { max($0, $1) }
        condition.unlock()
        newOutput()
    }

    /// The process's output ended: everything left (held bytes included) may go out.
    func finish() {
        condition.lock()
        state.isFinished = true
        for stream in 0..<2 where !state.held[stream].isEmpty {
            append(state.held[stream], stream: stream)
            state.held[stream] = []
        }
        condition.broadcast()
        condition.unlock()
        newOutput()
    }

    /// Once no event will come any more: waits until the output ended, handing `emit`
    /// everything meanwhile.
    func drain(emit: ([ProcessOutput]) -> Void) {
        while true {
            condition.lock()
            if state.pieces.isEmpty, !state.isFinished {
                condition.wait()
            }
            let ready = takeReadyLocked(all: true)
            let finished = state.isFinished && state.pieces.isEmpty
            condition.unlock()
            emit(ready)
            if finished { return }
        }
    }

    // MARK: - Under the lock

    private func takeReadyLocked(all: Bool = false) -> [ProcessOutput] {
        let everything = all || state.isFinished
        let released = state.released
        var ready: [ProcessOutput] = []
        state.pieces.removeAll { piece in
            guard everything || piece.epoch <= released[piece.stream] else { return false }
            ready.append(piece.output)
            return true
        }
        if !ready.isEmpty {
            state.queuedBytes -= ready.reduce(0) { $0 + $1.byteCount }
            condition.broadcast()
        }
        return ready
    }

    /// Cuts `data` at markers into pieces; keeps a possible marker start for the next chunk.
    private func split(_ data: [UInt8], stream: Int) {
        state.held[stream] = []
        var start = 0
        var index = 0
        while index < data.count {
            guard data[index] == marker[0] else {
                index += 1
                continue
            }
            let available = min(marker.count, data.count - index)
            guard data[index..<index + available].elementsEqual(marker.prefix(available)) else {
                index += 1
                continue
            }
            append(Array(data[start..<index]), stream: stream)
            guard available == marker.count else {
                state.held[stream] = Array(data[index...])
                return
            }
            state.seen[stream] += 1
            index += marker.count
            start = index
        }
        append(Array(data[start...]), stream: stream)
    }

    private func append(_ bytes: [UInt8], stream: Int) {
        guard !bytes.isEmpty else { return }
        state.pieces.append(Piece(output: stream == 0 ? .stdout(bytes) : .stderr(bytes), epoch: state.seen[stream], stream: stream))
        state.queuedBytes += bytes.count
    }
}

extension ProcessOutput {
    fileprivate var byteCount: Int {
        switch self {
        case .stdout(let bytes), .stderr(let bytes): bytes.count
        }
    }
}
