import ProcessSupervision
import SystemSupport

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
    fileprivate struct Piece {
        var output: ProcessOutput
        /// Markers seen on its stream before it.
        var epoch: Int
        var stream: Int
    }

    fileprivate struct State {
        let marker: [UInt8]
        /// Arrival order across both streams; per stream, epochs never decrease.
        var pieces: [Piece] = []
        var queuedBytes = 0
        /// Bytes that may be the start of a marker split across chunks, per stream.
        var held: [[UInt8]] = [[], []]
        var seen = [0, 0]
        /// Markers whose event went out, per stream: pieces up to this epoch may go out.
        var released = [0, 0]
        /// Pieces before this epoch are dropped, not emitted: what a session driver's interpreter
        /// wrote between two cells (see ``OrderedOutput/release(_:discardingBefore:)``).
        var floor = [0, 0]
        /// Dropped pieces not yet handed to `discard`.
        var dropped: [ProcessOutput] = []
        var isFinished = false
    }

    /// Beyond this much queued output the supervisor's I/O thread waits (and so the program
    /// slows down) instead of the queue growing while the agent is slow.
    static let queueLimit = 4 << 20

    /// The marker bytes (a terminal OSC sequence, invisible should one ever leak).
    let marker: [UInt8]
    private let newOutput: @Sendable () -> Void
    private let discard: @Sendable ([ProcessOutput]) -> Void
    private let lock: ConditionLock<State>

    /// - Parameters:
    ///   - newOutput: wakes the emitting thread.
    ///   - discard: gets the pieces dropped as written between two cells (for the log).
    init(token: String, discard: @escaping @Sendable ([ProcessOutput]) -> Void = { _ in }, newOutput: @escaping @Sendable () -> Void) {
        marker = Array("\u{1B}]kernel-runner;\(token)\u{07}".utf8)
        lock = ConditionLock(State(marker: marker))
        self.discard = discard
        self.newOutput = newOutput
    }

    /// Takes a chunk from the supervisor's I/O thread.
    func accept(_ output: ProcessOutput) {
        let (stream, bytes) =
            switch output {
            case .stdout(let bytes): (0, bytes)
            case .stderr(let bytes): (1, bytes)
            }
        lock.withLock(when: { $0.queuedBytes <= Self.queueLimit || $0.isFinished }) { state in
            state.split(state.held[stream] + bytes, stream: stream)
        }
        lock.broadcast()
        newOutput()
    }

    /// The pieces that may go out now, in arrival order.
    func takeReady() -> [ProcessOutput] {
        take { $0.takeReady() }
    }

    /// Before an event: waits until `marks[s]` markers came out of stream `s` (or `timeout`
    /// passed, or the output ended), handing `emit` every piece that may go out meanwhile.
    func awaitMarks(_ marks: [Int], timeout: Duration, emit: ([ProcessOutput]) -> Void) {
        let deadline = ContinuousClock.now + timeout
        let reached = { (state: State) in
            marks.count != 2 || state.isFinished || (state.seen[0] >= marks[0] && state.seen[1] >= marks[1])
        }
        while true {
            let hasReached = lock.wait(until: { reached($0) || $0.hasReady }, timeout: max(deadline - .now, .zero))
            let (ready, isDone, dropped) = lock.withLock { state in (state.takeReady(), reached(state), state.takeDropped()) }
            if !ready.isEmpty || !dropped.isEmpty { lock.broadcast() }
            report(dropped)
            emit(ready)
            if isDone || !hasReached { return }
        }
    }

    /// After the event: what followed its markers may go out.
    func release(_ marks: [Int]) {
        release(marks, discardingBefore: nil)
    }

    /// After the event: what followed its markers may go out, except pieces before `floor`,
    /// which are dropped. A session driver writes a marker as each cell starts and as it ends:
    /// after the end's `marks`, `marks + 1` releases the next cell's output and drops what
    /// came between the two (a background job of the cell that ended), which must not leak
    /// into the next.
    func release(_ marks: [Int], discardingBefore floor: [Int]?) {
        guard marks.count == 2 else { return }
        lock.withLock { state in
            state.released = zip(state.released, marks).map { max($0, $1) }
            if let floor, floor.count == 2 {
                state.floor = zip(state.floor, floor).map { max($0, $1) }
            }
        }
        newOutput()
    }

    /// The process's output ended: everything left (held bytes included) may go out.
    func finish() {
        lock.withLock { state in
            state.isFinished = true
            for stream in 0..<2 where !state.held[stream].isEmpty {
                state.append(state.held[stream], stream: stream)
                state.held[stream] = []
            }
        }
        lock.broadcast()
        newOutput()
    }

    /// Once no event will come any more: waits until the output ended, handing `emit`
    /// everything meanwhile.
    func drain(emit: ([ProcessOutput]) -> Void) {
        while true {
            let (ready, finished, dropped) = lock.withLock(when: { !$0.pieces.isEmpty || $0.isFinished }) { state in
                let ready = state.takeReady(all: true)
                return (ready, state.isFinished && state.pieces.isEmpty, state.takeDropped())
            }
            if !ready.isEmpty || !dropped.isEmpty { lock.broadcast() }
            report(dropped)
            emit(ready)
            if finished { return }
        }
    }

    /// Takes pieces under the lock; waiting writers are woken when room was made.
    private func take(_ body: (inout State) -> [ProcessOutput]) -> [ProcessOutput] {
        let (ready, dropped) = lock.withLock { state in (body(&state), state.takeDropped()) }
        if !ready.isEmpty || !dropped.isEmpty { lock.broadcast() }
        report(dropped)
        return ready
    }

    private func report(_ dropped: [ProcessOutput]) {
        if !dropped.isEmpty { discard(dropped) }
    }
}

extension OrderedOutput.State {
    /// Whether a piece may go out now.
    var hasReady: Bool {
        isFinished ? !pieces.isEmpty : pieces.contains { $0.epoch <= released[$0.stream] }
    }

    mutating func takeReady(all: Bool = false) -> [ProcessOutput] {
        let everything = all || isFinished
        let released = self.released
        let floor = self.floor
        var ready: [ProcessOutput] = []
        var dropped: [ProcessOutput] = []
        pieces.removeAll { piece in
            guard everything || piece.epoch <= released[piece.stream] else { return false }
            if piece.epoch < floor[piece.stream] {
                dropped.append(piece.output)
            } else {
                ready.append(piece.output)
            }
            return true
        }
        queuedBytes -= (ready + dropped).reduce(0) { $0 + $1.byteCount }
        self.dropped += dropped
        return ready
    }

    mutating func takeDropped() -> [ProcessOutput] {
        defer { dropped = [] }
        return dropped
    }

    /// Cuts `data` at markers into pieces; keeps a possible marker start for the next chunk.
    mutating func split(_ data: [UInt8], stream: Int) {
        held[stream] = []
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
                held[stream] = Array(data[index...])
                return
            }
            seen[stream] += 1
            index += marker.count
            start = index
        }
        append(Array(data[start...]), stream: stream)
    }

    mutating func append(_ bytes: [UInt8], stream: Int) {
        guard !bytes.isEmpty else { return }
        pieces.append(.init(output: stream == 0 ? .stdout(bytes) : .stderr(bytes), epoch: seen[stream], stream: stream))
        queuedBytes += bytes.count
    }
}

extension ProcessOutput {
    fileprivate var byteCount: Int {
        switch self {
        case .stdout(let bytes), .stderr(let bytes): bytes.count
        }
    }
}
