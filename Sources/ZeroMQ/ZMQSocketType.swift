import CZeroMQ

/// The ZeroMQ socket patterns this package uses.
public enum ZMQSocketType: Sendable, Hashable {
    /// Fair-queued receiving end of a pipeline.
    case pull
    /// Load-balanced sending end of a pipeline; queues messages while no peer is connected.
    case push

    var rawValue: Int32 {
        switch self {
        case .pull: ZMQ_PULL
        case .push: ZMQ_PUSH
        }
    }
}
