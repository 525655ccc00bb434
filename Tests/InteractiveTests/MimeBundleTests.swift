import Foundation
import KernelProtocol
import Testing

@testable import KernelRunnerCore
@testable import KernelRunnerInteractive

extension Interactive {
    @Suite("Mapping MIME bundles to frames")
    struct MimeBundleTests {
        @Test func richTypesBecomeJSONMediaHTMLIncluded() {
            let html = MimeBundle.message(for: .object(["text/plain": .string("<T>"), "text/html": .string("<b>\"x\"</b>")]))
            #expect(html == .media(Media(type: "text/html", data: "<b>\"x\"</b>")))
            #expect(html.map { String(decoding: $0.payload, as: UTF8.self) } == #"{"type": "text/html", "data": "<b>\"x\"</b>"}"#)
            let png = MimeBundle.message(for: .object(["image/png": .string("iVBO\nRw0=\n"), "text/html": .string("<img>")]))
            #expect(png == .media(Media(type: "image/png", data: "data:image/png;base64,iVBORw0=")))
            let svg = MimeBundle.message(for: .object(["image/svg+xml": .array([.string("<svg>"), .string("</svg>")])]))
            #expect(svg == .media(Media(type: "image/svg+xml", data: "<svg></svg>")))
        }

        @Test func plainTextGoesToStdoutAndTheRestIsDropped() {
            #expect(MimeBundle.message(for: .object(["text/plain": .string("42")])) == .stdout(Array("42".utf8)))
            #expect(
                MimeBundle.message(for: .object(["text/markdown": .string("# x"), "text/plain": .string("x")])) == .stdout(Array("x".utf8)))
            #expect(MimeBundle.message(for: .object(["text/latex": .string("$x$")])) == nil)
        }

        @Test func tracebackColoursAreRemoved() {
            #expect("\u{1B}[0;31mValueError\u{1B}[0m: boom\u{1B}]0;title\u{07}!".removingANSIEscapes == "ValueError: boom!")
        }
    }
}
