import SystemSupport

/// Reads a line from the terminal on a plain thread, so no Swift concurrency thread blocks.
enum TerminalInput {
    static func readLine() async -> String? {
        await withCheckedContinuation { continuation in
            do {
                try OSThread.detach(name: "kr-terminal") {
                    continuation.resume(returning: Swift.readLine(strippingNewline: true))
                }
            } catch {
                continuation.resume(returning: nil)
            }
        }
    }
}
