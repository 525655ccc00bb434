import KernelTransport

extension Doorbell {
    /// A doorbell for the interactive rooms, failing with their error type.
    static func interactive() throws(InteractiveError) -> Doorbell {
        do {
            return try Doorbell()
        } catch {
            throw InteractiveError(.pipe, errno: error.errno, "cannot create a wake-up pipe")
        }
    }
}
