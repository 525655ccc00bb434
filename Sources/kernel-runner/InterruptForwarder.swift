import Dispatch
import Foundation
import Synchronization

/// Forwards the first Ctrl-C to the daemon as `interrupt`; a second one quits the client.
final class InterruptForwarder {
    private let source: any DispatchSourceSignal

    init(_ interrupt: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "kernel-runner.client.sigint"))
        let count = SignalCounter()
        source.setEventHandler {
            if count.increment() == 1 {
                interrupt()
            } else {
                exit(130)
            }
        }
        source.resume()
    }

    func cancel() {
        source.cancel()
    }
}

/// A tiny lock-protected counter.
private final class SignalCounter: Sendable {
    private let value = Mutex(0)

    func increment() -> Int {
        value.withLock { value in
            value += 1
            return value
        }
    }
}
