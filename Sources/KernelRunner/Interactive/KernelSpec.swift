import FoundationEssentials
import Glibc
import SystemSupport

/// A Jupyter kernelspec: `<data dir>/kernels/<name>/kernel.json`.
struct KernelSpec: Sendable, Equatable {
    /// How the kernel wants to be interrupted.
    enum InterruptMode: String, Sendable, Decodable {
        /// SIGINT to the kernel's process group.
        case signal
        /// An `interrupt_request` on the control channel.
        case message
    }

    /// The directory name, e.g. `python3`.
    var name: String
    /// The kernelspec directory (`{resource_dir}` in `argv`).
    var directory: String
    /// The command, with `{connection_file}` and `{resource_dir}` placeholders.
    var argv: [String]
    var displayName: String
    var language: String
    /// Variables added to the kernel's environment.
    var environment: [String: String]
    var interruptMode: InterruptMode

    /// `kernel.json` as written: its keys are snake_case.
    private struct File: Decodable {
        var argv: [String]
        // swift-format-ignore: AlwaysUseLowerCamelCase
        var display_name: String?
        var language: String?
        var env: [String: String]?
        // swift-format-ignore: AlwaysUseLowerCamelCase
        var interrupt_mode: InterruptMode?
    }

    /// Reads `<directory>/kernel.json`.
    init(name: String, directory: String) throws(InteractiveError) {
        let path = directory + "/kernel.json"
        let bytes: [UInt8]
        do {
            // read(2), not FileManager (see IntrinsicPorts.init(contentsOf:)).
            bytes = try FileSystem.read(path, limit: .max)
        } catch {
            throw InteractiveError(.kernelSpec, errno: error.errno, "cannot read \(path)")
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: Data(bytes))
        } catch {
            throw InteractiveError(.kernelSpec, "\(path) is not a valid kernelspec: \(error)")
        }
        guard !file.argv.isEmpty else {
            throw InteractiveError(.kernelSpec, "\(path) has an empty argv")
        }
        self.name = name
        self.directory = directory
        argv = file.argv
        displayName = file.display_name ?? name
        language = file.language ?? ""
        environment = file.env ?? [:]
        interruptMode = file.interrupt_mode ?? .signal
    }

    /// The command for one kernel: placeholders filled in, and a bare `python`/`python3` (how
    /// ipykernel's own kernelspec names "the interpreter it was installed for") replaced by the
    /// language's runtime, so the kernel runs the image's interpreter.
    func command(connectionFile: String, runtimePath: String) -> [String] {
        var command = argv.map { argument in
            argument
                .replacing("{connection_file}", with: connectionFile)
                .replacing("{resource_dir}", with: directory)
        }
        if ["python", "python3"].contains(command[0]), language.lowercased() == "python" {
            command[0] = runtimePath
        }
        return command
    }
}
