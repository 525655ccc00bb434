import CZeroMQ

/// The ZeroMQ socket patterns this package uses.
public enum ZMQSocketType: Sendable, Hashable {
    /// Fair-queued receiving end of a pipeline.
    case pull
    /// Load-balanced sending end of a pipeline; queues messages while no peer is connected.
    case push
    /// Asynchronous request/reply peer of a ROUTER (a Jupyter kernel's shell, stdin, control
    /// and heartbeat channels).
    case dealer
    /// Receiving end of publish/subscribe; gets nothing until subscribed (a Jupyter kernel's
    /// IOPub channel).
    case subscribe
    /// Exclusive peer of one other PAIR socket (the receiving end of a socket monitor).
    case pair

    var rawValue: Int32 {
        switch self {
        case .pull: ZMQ_PULL
        case .push: ZMQ_PUSH
        case .dealer: ZMQ_DEALER
        case .subscribe: ZMQ_SUB
        case .pair: ZMQ_PAIR
        }
    }
}
