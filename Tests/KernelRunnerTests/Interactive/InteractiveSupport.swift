import Foundation
import KernelProtocol
import ProcessSupervision

extension RunOutput {
    /// The `media` frames, decoded (a frame that is not the JSON envelope is a test failure).
    var media: [Media] {
        messages.filter { $0.opName == "media" }.compactMap { try? JSONDecoder().decode(Media.self, from: Data($0.payload)) }
    }

    /// `is_password` of the last `waiting-input` frame; nil without one or if it is not JSON.
    var inputIsPassword: Bool? {
        guard let frame = messages.last(where: { $0.opName == "waiting-input" }),
              let object = try? JSONSerialization.jsonObject(with: Data(frame.payload)) as? [String: Bool] else { return nil }
        return object["is_password"]
    }

    /// The ops in order, runs of the same op counted once (output may come in any number of
    /// chunks).
    var collapsedOps: [String] {
        ops.reduce(into: []) { result, op in
            if result.last != op { result.append(op) }
        }
    }

    /// stdout and stderr in arrival order (prompts may go to either).
    var console: String {
        String(decoding: messages.filter { $0.opName == "stdout" || $0.opName == "stderr" }.flatMap(\.payload), as: UTF8.self)
    }
}

/// Python interpreters with optional modules, for tests that need them.
enum PythonModules {
    /// Whether `python` can import every one of `modules`.
    ///
    /// Spawned through ProcessSupervision: the reaper that suites supervising processes run in
    /// this test process would collect a child started any other way.
    static func available(_ modules: [String], python: String = "python3") async -> Bool {
        guard let path = python.hasPrefix("/") ? python : Toolchain.find(python) else { return false }
        let spec = ProcessSpec(
            executable: path, arguments: ["-c", modules.map { "import \($0)" }.joined(separator: "; ")],
            environment: ProcessInfo.processInfo.environment, workingDirectory: "/")
        guard let process = try? SupervisedProcess.spawn(spec, handlers: ProcessHandlers(output: { _ in })) else { return false }
        return await process.wait().exitCode == 0
    }
}
