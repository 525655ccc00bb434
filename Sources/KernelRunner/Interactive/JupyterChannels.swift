import ZeroMQ

/// The five ZeroMQ sockets of one kernel connection. Not thread-safe: created, used and closed
/// by the kernel's I/O thread only.
final class JupyterChannels {
    /// The sockets a message can be sent on.
    enum Channel: Sendable {
        case shell, stdin, control
    }

    /// The sockets the I/O thread reads, in the order it reads them.
    enum Readable: Int, CaseIterable {
        case iopub, shell, stdin, control, heartbeat, stdinEvents
    }

    let context: ZMQContext
    let shell: ZMQSocket
    let iopub: ZMQSocket
    let stdin: ZMQSocket
    let control: ZMQSocket
    let heartbeat: ZMQSocket
    /// The stdin channel's connection events. The kernel's stdin ROUTER silently drops an
    /// input request for a peer whose handshake has not completed, and then waits for the
    /// answer forever; the kernel is ready only once this reports the handshake.
    let stdinEvents: ZMQSocket
    /// Each readable socket's `ZMQ_FD`, by ``Readable`` (see ``ZMQSocket/notificationDescriptor()``).
    let notifications: [Int32]

    /// Connects to a kernel. Shell and stdin share `identity`: the kernel addresses its input
    /// requests to the identity that sent the execute request.
    init(_ connection: JupyterConnection, identity: [UInt8]) throws(ZMQError) {
        context = try ZMQContext()
        shell = try ZMQSocket(context: context, type: .dealer)
        iopub = try ZMQSocket(context: context, type: .subscribe)
        stdin = try ZMQSocket(context: context, type: .dealer)
        control = try ZMQSocket(context: context, type: .dealer)
        heartbeat = try ZMQSocket(context: context, type: .dealer)
        // Before connecting, so the handshake cannot be missed.
        stdinEvents = try stdin.monitor(.handshakeSucceeded, as: "kernel-runner-jupyter-stdin")
        for socket in [shell, iopub, stdin, control, heartbeat, stdinEvents] {
            // Nothing is worth keeping for a kernel that is going away.
            try socket.setOption(.linger(.zero))
        }
        try shell.setOption(.routingID(identity))
        try stdin.setOption(.routingID(identity))
        try iopub.setOption(.subscribe([]))
        try shell.connect(connection.endpoint(connection.shellPort))
        try iopub.connect(connection.endpoint(connection.iopubPort))
        try stdin.connect(connection.endpoint(connection.stdinPort))
        try control.connect(connection.endpoint(connection.controlPort))
        try heartbeat.connect(connection.endpoint(connection.heartbeatPort))
        notifications = try [iopub, shell, stdin, control, heartbeat, stdinEvents].map { socket throws(ZMQError) in
            try socket.notificationDescriptor()
        }
    }

    func socket(for channel: Channel) -> ZMQSocket {
        switch channel {
        case .shell: shell
        case .stdin: stdin
        case .control: control
        }
    }

    /// Closes every socket (the monitored one before its monitor) and terminates the context.
    func close() {
        for socket in [shell, iopub, stdin, control, heartbeat, stdinEvents] {
            try? socket.close()
        }
        try? context.terminate()
    }
}

extension JupyterChannels.Channel {
    /// The same socket among those read.
    var readable: JupyterChannels.Readable {
        switch self {
        case .shell: .shell
        case .stdin: .stdin
        case .control: .control
        }
    }
}
