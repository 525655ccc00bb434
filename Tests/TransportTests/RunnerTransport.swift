import KernelTransport
import Logging

/// A runner-role transport bound to ephemeral ports on the loopback interface.
func makeRunnerTransport(
    logger: Logger = RecordingLogHandler.makeLogger().0,
    _ configure: (inout TransportConfiguration) -> Void = { _ in }
) throws -> ZMQTransport {
    var configuration = TransportConfiguration(role: .runner, host: "127.0.0.1", inputPort: 0, outputPort: 0)
    configure(&configuration)
    return try ZMQTransport(configuration, logger: logger)
}

extension ZMQTransport {
    /// Connects a raw agent to this runner transport.
    func connectRawAgent(receiveHighWaterMark: Int32? = nil) throws -> RawAgent {
        try RawAgent(inputEndpoint: inputEndpoint, outputEndpoint: outputEndpoint, receiveHighWaterMark: receiveHighWaterMark)
    }
}
