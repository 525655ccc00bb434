import Glibc
import KernelProtocol
import KernelRunnerCore
import KernelTransport
import SystemSupport

/// The ready file: the bound endpoints and the pid as JSON, written atomically once the
/// sockets are bound.
enum ReadyFile {
    static func write(_ path: String, transport: ZMQTransport) throws(ConfigurationError) {
        // The protocol's own writer: a JSON encoder would be code kept resident for one small file.
        var json = JSONWriter()
        json.object { object in
            object.member("input", transport.inputEndpoint)
            object.member("output", transport.outputEndpoint)
            object.member("pid", "\(getpid())")
        }
        let temporary = path + ".tmp"
        do {
            try FileSystem.write(json.bytes, to: temporary, mode: 0o644)
        } catch {
            throw ConfigurationError(.unwritableFile, path: path, detail: "\(error)")
        }
        guard rename(temporary, path) == 0 else {
            throw ConfigurationError(.unwritableFile, path: path, detail: String(cString: strerror(errno)))
        }
    }
}
