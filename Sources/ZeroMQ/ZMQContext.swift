import CZeroMQ

/// A libzmq context: the I/O threads and the registry of sockets.
///
/// Terminate it only after closing every socket created from it; `zmq_ctx_term` waits for
/// them (and for their LINGER period) and would otherwise block forever.
public final class ZMQContext {
    let handle: UnsafeMutableRawPointer
    private var isTerminated = false

    /// Creates a context with libzmq's defaults (one I/O thread).
    public init() throws(ZMQError) {
        guard let handle = zmq_ctx_new() else {
            throw ZMQError(.contextCreation)
        }
        self.handle = handle
    }

    /// Terminates the context. Idempotent.
    ///
    /// Blocks until every socket of this context is closed and its LINGER period has passed.
    public func terminate() throws(ZMQError) {
        guard !isTerminated else { return }
        try retryingInterrupts(.contextTermination) { zmq_ctx_term(handle) }
        isTerminated = true
    }

    deinit {
        // Sockets keep their context alive, so every socket is closed by now and this cannot hang.
        try? terminate()
    }
}
