import Foundation

/// Reads a line from the terminal on a plain thread, so no Swift concurrency thread blocks.
enum TerminalInput {
    static func readLine() async -> String? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: Swift.readLine(strippingNewline: true))
            }
        }
    }
}
