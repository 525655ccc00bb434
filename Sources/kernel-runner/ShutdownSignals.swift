import Dispatch
import Foundation

/// Turns SIGTERM and SIGINT into a call on a dispatch queue, so shutdown runs as ordinary code
/// rather than inside a signal handler.
final class ShutdownSignals {
    private let sources: [any DispatchSourceSignal]

    init(_ handler: @escaping @Sendable (Int32) -> Void) {
        let queue = DispatchQueue(label: "kernel-runner.signals")
        sources = [SIGTERM, SIGINT].map { number in
            // Dispatch observes the signal itself; the default action must not kill us first.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources {
            source.cancel()
        }
    }
}
