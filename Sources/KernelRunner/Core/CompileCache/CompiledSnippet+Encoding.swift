import MessagePack
import ProcessSupervision

/// The entry file: one MessagePack array, read and written whole.
extension CompiledSnippet {
    /// Names the format; an entry of another format is malformed (its key would differ anyway).
    private static let format = "kernel-runner compiled snippet 1"

    func encoded() -> [UInt8] {
        let chunks = output.map { chunk -> MessagePackValue in
            switch chunk {
            case .stdout(let bytes): .array([.uint(1), .binary(bytes)])
            case .stderr(let bytes): .array([.uint(2), .binary(bytes)])
            }
        }
        let entries = files.map { file -> MessagePackValue in
            .array([.string(file.path), .uint(UInt64(file.mode)), file.contents.map(MessagePackValue.binary) ?? .nil])
        }
        return MessagePackValue.array([.string(Self.format), .array(chunks), .array(entries)]).encode()
    }

    /// Decodes an entry file; `path` names it in errors.
    init(decoding bytes: [UInt8], path: String) throws(CompileCacheError) {
        let malformed = CompileCacheError(.malformedEntry, path: path)
        guard case .array(let parts)? = try? MessagePackValue.decode(bytes), parts.count == 3,
            case .string(Self.format) = parts[0], case .array(let chunks) = parts[1], case .array(let entries) = parts[2]
        else { throw malformed }
        var output: [ProcessOutput] = []
        for chunk in chunks {
            guard case .array(let pair) = chunk, pair.count == 2, case .uint(let stream) = pair[0], case .binary(let bytes) = pair[1]
            else { throw malformed }
            switch stream {
            case 1: output.append(.stdout(bytes))
            case 2: output.append(.stderr(bytes))
            default: throw malformed
            }
        }
        var files: [SnippetFile] = []
        for entry in entries {
            guard case .array(let fields) = entry, fields.count == 3, case .string(let relative) = fields[0],
                SnippetFile.isContained(relative), case .uint(let mode) = fields[1], mode <= 0o7777
            else { throw malformed }
            switch fields[2] {
            case .binary(let contents): files.append(SnippetFile(path: relative, mode: UInt32(mode), contents: contents))
            case .nil: files.append(SnippetFile(path: relative, mode: UInt32(mode), contents: nil))
            default: throw malformed
            }
        }
        self.init(output: output, files: files)
    }
}
