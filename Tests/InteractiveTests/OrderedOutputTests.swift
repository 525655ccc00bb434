import ProcessSupervision
import TestSupport
import Testing

@testable import KernelRunnerCore
@testable import KernelRunnerInteractive

extension Interactive {
    @Suite("Ordering an interpreter's output and events")
    struct OrderedOutputTests {
        private let output = OrderedOutput(token: "t") {}

        private func text(_ outputs: [ProcessOutput]) -> String {
            outputs.map { output in
                switch output {
                case .stdout(let bytes): "out:" + String(decoding: bytes, as: UTF8.self)
                case .stderr(let bytes): "err:" + String(decoding: bytes, as: UTF8.self)
                }
            }.joined(separator: "|")
        }

        @Test func outputAfterAMarkerWaitsForItsEvent() {
            let marker = output.marker
            output.accept(.stdout(Array("first\n".utf8) + marker + Array("second\n".utf8)))
            output.accept(.stderr(Array("warn\n".utf8) + marker))
            var emitted: [ProcessOutput] = []
            output.awaitMarks([1, 1], timeout: TimeBound.hang(after: .seconds(1))) { emitted += $0 }
            #expect(text(emitted) == "out:first\n|err:warn\n", "only what came before the markers")
            #expect(output.takeReady().isEmpty)
            output.release([1, 1])
            #expect(text(output.takeReady()) == "out:second\n")
        }

        @Test func aMarkerSplitAcrossChunksIsStillFound() {
            let marker = output.marker
            output.accept(.stdout(Array("a".utf8) + marker.prefix(4)))
            output.accept(.stdout(Array(marker.dropFirst(4)) + Array("b".utf8)))
            output.accept(.stderr(marker))
            var emitted: [ProcessOutput] = []
            output.awaitMarks([1, 1], timeout: TimeBound.hang(after: .seconds(1))) { emitted += $0 }
            #expect(text(emitted) == "out:a")
            output.release([1, 1])
            #expect(text(output.takeReady()) == "out:b")
        }

        @Test func aLoneEscapeIsNotHeldForever() {
            output.accept(.stdout(Array("colour \u{1B}".utf8)))
            output.accept(.stdout(Array("[0m done".utf8)))
            #expect(text(output.takeReady()) == "out:colour |out:\u{1B}[0m done")
        }

        @Test func aMissingMarkerTimesOut() {
            let started = ContinuousClock.now
            output.awaitMarks([1, 1], timeout: .milliseconds(100)) { _ in }
            #expect(ContinuousClock.now - started < TimeBound.missingMarker)
        }
    }
}
