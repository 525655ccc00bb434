import Glibc
import KernelProtocol
import ProcessSupervision
import SystemSupport

extension PrestartAction {
    /// Runs the step with `variables` for its templates and returns its result (a path for
    /// `write_tempfile`, `{"out", "err"}` for `run_command`, null otherwise).
    func perform(with variables: [String: JSONValue], context: PrestartContext) async throws(ServiceError) -> JSONValue {
        func expand(_ text: String) throws(ServiceError) -> String {
            try ServiceTemplate.expand(text, with: variables)
        }
        switch operation {
        case .writeFile(let filename, let body, let mode, let append):
            let path = resolve(try expand(filename), in: context)
            var text = ""
            for line in body { text += try expand(line) + "\n" }
            try write(text, to: path, mode: mode, flags: O_CREAT | (append ? O_APPEND : O_TRUNC), context: context)
            return .null
        case .writeTemporaryFile(let body, let mode):
            var text = ""
            for line in body { text += try expand(line) }
            return .string(try writeTemporaryFile(text, mode: mode, context: context))
        case .makeDirectory(let path):
            let directory = resolve(try expand(path), in: context)
            do {
                try FileSystem.makeDirectory(directory)
            } catch {
                throw failure("cannot create \(directory)", errno: error.errno, context: context)
            }
            return .null
        case .runCommand(let command, let echo):
            var argv: [String] = []
            for word in command { argv.append(try expand(word)) }
            return try await run(argv, echo: echo, context: context)
        case .log(let message, let debug):
            let text = try expand(message)
            if debug {
                context.logger.debug("service \(context.service): \(text)")
            } else {
                context.logger.info("service \(context.service): \(text)")
            }
            return .null
        }
    }

    private func resolve(_ path: String, in context: PrestartContext) -> String {
        path.hasPrefix("/") ? path : context.workingDirectory + "/" + path
    }

    private func write(_ text: String, to path: String, mode: Int, flags: Int32, context: PrestartContext) throws(ServiceError) {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC | flags, 0o600)
        guard descriptor >= 0 else { throw failure("cannot open \(path)", errno: errno, context: context) }
        defer { close(descriptor) }
        try fill(descriptor, with: text, path: path, mode: mode, context: context)
    }

    private func writeTemporaryFile(_ text: String, mode: Int, context: PrestartContext) throws(ServiceError) -> String {
        // A `.py` suffix like the original: the stock definitions pass these files to Jupyter
        // as config files, which must end in `.py`.
        var template = Array((FileSystem.temporaryDirectory + "/kernel-runner-service-XXXXXX.py").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 3) }
        guard descriptor >= 0 else { throw failure("cannot create a temporary file", errno: errno, context: context) }
        defer { close(descriptor) }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        try fill(descriptor, with: text, path: path, mode: mode, context: context)
        return path
    }

    private func fill(_ descriptor: Int32, with text: String, path: String, mode: Int, context: PrestartContext) throws(ServiceError) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { throw failure("cannot write \(path)", errno: errno, context: context) }
            bytes = bytes.dropFirst(written)
        }
        guard fchmod(descriptor, mode_t(mode)) == 0 else {
            throw failure("cannot set the mode of \(path)", errno: errno, context: context)
        }
    }

    private func run(_ argv: [String], echo: Bool, context: PrestartContext) async throws(ServiceError) -> JSONValue {
        guard let executable = argv.first else { throw failure("run_command has an empty command", context: context) }
        let spec = ProcessSpec(
            executable: executable,
            arguments: Array(argv.dropFirst()),
            environment: context.environment,
            workingDirectory: context.workingDirectory
        )
        let result: CapturedCommand.Result
        do {
            result = try await CapturedCommand.run(spec, timeout: context.commandTimeout)
        } catch {
            throw ServiceError(error, executable: executable)
        }
        let out = String(decoding: result.stdout, as: UTF8.self)
        let err = String(decoding: result.stderr, as: UTF8.self)
        if echo {
            context.logger.info("service \(context.service): \(executable) printed: \(out)\(err)")
        }
        guard let status = result.status else {
            throw failure("\(executable) did not finish within \(context.commandTimeout)", context: context)
        }
        if status.exitCode != 0 {
            // The original ignores the exit code; the output still becomes the result.
            context.logger.notice("service \(context.service): \(executable) exited with \(status.exitCode)")
        }
        return .object(["out": .string(out), "err": .string(err)])
    }

    private func failure(_ detail: String, errno: Int32? = nil, context: PrestartContext) -> ServiceError {
        let reason = errno.map { ": " + String(cString: strerror($0)) } ?? ""
        return ServiceError(.prestart, "prestart of \(context.service) failed: \(detail)\(reason)", errno: errno)
    }
}
