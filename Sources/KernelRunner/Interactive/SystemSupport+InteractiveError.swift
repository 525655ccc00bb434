import SystemSupport

extension WakeupDescriptor {
    /// A wake-up descriptor for the interactive rooms, failing with their error type.
    static func interactive() throws(InteractiveError) -> WakeupDescriptor {
        do {
            return try WakeupDescriptor()
        } catch {
            throw InteractiveError(.pipe, errno: error.errno, "cannot create a wake-up descriptor")
        }
    }
}

extension OSThread {
    /// Starts a long-lived thread of the interactive rooms, failing with their error type.
    static func interactive(name: String, _ body: @escaping @Sendable () -> Void) throws(InteractiveError) {
        do {
            try detach(name: name, body)
        } catch {
            throw InteractiveError(.thread, errno: error.errno, "cannot start the thread \(name)")
        }
    }
}

extension FileSystem {
    /// A private scratch directory for an interpreter's files, failing with the interactive
    /// rooms' error type.
    static func interactiveDirectory(prefix: String) throws(InteractiveError) -> String {
        do {
            return try makePrivateDirectory(prefix: prefix)
        } catch {
            throw InteractiveError(.scratchDirectory, errno: error.errno, "cannot create a scratch directory")
        }
    }

    /// Writes an owner-only file, failing with the interactive rooms' error type.
    static func writePrivate(_ text: String, to path: String) throws(InteractiveError) {
        do {
            try write(Array(text.utf8), to: path, mode: 0o600)
        } catch {
            throw InteractiveError(.scratchDirectory, errno: error.errno, "cannot write \(path)")
        }
    }
}
