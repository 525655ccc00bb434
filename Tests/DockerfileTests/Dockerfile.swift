import Foundation

@testable import KernelRunnerServices

/// A Dockerfile read far enough to check an image's conventions without a Docker engine: its
/// stages with their base image, labels, environment, copies, `RUN` commands, entrypoint and
/// command.
///
/// Supported: line continuations (comment lines inside them are dropped, as Docker does),
/// `LABEL`/`ENV` `key=value` pairs with quotes, legacy `ENV key value`, `FROM … AS name`,
/// `COPY [--flag=…] src… dest`, and the exec (JSON) and shell forms of `CMD`/`ENTRYPOINT`.
/// Parser directives and a custom escape character are not supported.
struct Dockerfile {
    /// One instruction after continuation lines are joined.
    struct Instruction: Equatable {
        /// Upper-cased, e.g. `RUN`.
        let keyword: String
        let arguments: String
        /// Where the instruction starts, 1-based.
        let line: Int
    }

    /// A `COPY` instruction.
    struct Copy: Equatable {
        /// The `--from` stage, or `nil` for the build context.
        let stage: String?
        let sources: [String]
        let destination: String
    }

    /// Everything from one `FROM` to the next.
    struct Stage {
        let image: String
        let name: String?
        var instructions: [Instruction] = []
        var labels: [String: String] = [:]
        var environment: [String: String] = [:]
        var copies: [Copy] = []
        var runCommands: [String] = []
        var workingDirectory: String?
        var entrypoint: [String]?
        var command: [String]?
    }

    /// In file order; the last one is the image.
    private(set) var stages: [Stage] = []
    /// `ARG name[=default]` before the first `FROM`: build arguments the `FROM` lines may use.
    private(set) var globalArguments: [String: String] = [:]

    /// The stage that becomes the image.
    var finalStage: Stage? { stages.last }

    init(parsing text: String) throws(DockerfileParseError) {
        for instruction in Self.instructions(in: text) {
            try apply(instruction)
        }
    }

    init(contentsOf path: String) throws {
        try self.init(parsing: String(contentsOfFile: path, encoding: .utf8))
    }

    /// Joins continuation lines into instructions.
    private static func instructions(in text: String) -> [Instruction] {
        var instructions: [Instruction] = []
        var pending: (text: String, line: Int)?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            var current = pending ?? ("", index + 1)
            let continues = line.hasSuffix("\\")
            current.text += continues ? String(line.dropLast()) : line
            pending = continues ? current : nil
            if !continues { instructions.append(Self.instruction(current.text, line: current.line)) }
        }
        if let pending { instructions.append(Self.instruction(pending.text, line: pending.line)) }
        return instructions
    }

    private static func instruction(_ text: String, line: Int) -> Instruction {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let keyword = trimmed.prefix { !$0.isWhitespace }
        let arguments = trimmed.dropFirst(keyword.count).trimmingCharacters(in: .whitespaces)
        return Instruction(keyword: keyword.uppercased(), arguments: arguments, line: line)
    }

    private mutating func apply(_ instruction: Instruction) throws(DockerfileParseError) {
        if instruction.keyword == "FROM" {
            let words = try Self.words(instruction).filter { !$0.hasPrefix("--") }
            guard let image = words.first else {
                throw DockerfileParseError(code: .malformedArguments, line: instruction.line, detail: "FROM without an image")
            }
            let name = words.count == 3 && words[1].lowercased() == "as" ? words[2] : nil
            stages.append(Stage(image: image, name: name))
            return
        }
        if stages.isEmpty, instruction.keyword == "ARG" {
            let parts = instruction.arguments.split(separator: "=", maxSplits: 1).map(String.init)
            globalArguments[parts[0]] = parts.count == 2 ? parts[1] : ""
            return
        }
        guard var stage = stages.popLast() else {
            throw DockerfileParseError(code: .outsideStage, line: instruction.line, detail: "\(instruction.keyword) before FROM")
        }
        defer { stages.append(stage) }
        stage.instructions.append(instruction)
        switch instruction.keyword {
        case "LABEL":
            stage.labels.merge(try Self.pairs(instruction)) { $1 }
        case "ENV":
            stage.environment.merge(try Self.pairs(instruction)) { $1 }
        case "COPY":
            stage.copies.append(try Self.copy(instruction))
        case "RUN":
            stage.runCommands.append(instruction.arguments)
        case "WORKDIR":
            stage.workingDirectory = instruction.arguments
        case "ENTRYPOINT":
            stage.entrypoint = try Self.execForm(instruction)
        case "CMD":
            stage.command = try Self.execForm(instruction)
        default:
            break
        }
    }

    /// Docker splits these arguments like a POSIX shell, without expanding variables.
    private static func words(_ instruction: Instruction) throws(DockerfileParseError) -> [String] {
        do {
            return try ShellWords.split(instruction.arguments)
        } catch {
            throw DockerfileParseError(code: .unterminatedQuote, line: instruction.line, detail: error.description)
        }
    }

    /// `key=value …`, or the legacy `ENV key value` (a single pair, the rest of the line).
    private static func pairs(_ instruction: Instruction) throws(DockerfileParseError) -> [String: String] {
        let words = try words(instruction)
        if instruction.keyword == "ENV", let key = words.first, !key.contains("=") {
            return [key: instruction.arguments.dropFirst(key.count).trimmingCharacters(in: .whitespaces)]
        }
        var pairs: [String: String] = [:]
        for word in words {
            guard let equals = word.firstIndex(of: "=") else {
                throw DockerfileParseError(code: .malformedArguments, line: instruction.line, detail: "expected key=value, found \(word)")
            }
            pairs[String(word[..<equals])] = String(word[word.index(after: equals)...])
        }
        return pairs
    }

    private static func copy(_ instruction: Instruction) throws(DockerfileParseError) -> Copy {
        let words = try words(instruction)
        let flags = words.filter { $0.hasPrefix("--") }
        let paths = words.filter { !$0.hasPrefix("--") }
        guard paths.count >= 2, let destination = paths.last else {
            throw DockerfileParseError(code: .malformedArguments, line: instruction.line, detail: "COPY needs a source and a destination")
        }
        let stage = flags.first { $0.hasPrefix("--from=") }.map { String($0.dropFirst("--from=".count)) }
        return Copy(stage: stage, sources: Array(paths.dropLast()), destination: destination)
    }

    /// The argv of `CMD`/`ENTRYPOINT`; the shell form runs through `/bin/sh -c`.
    private static func execForm(_ instruction: Instruction) throws(DockerfileParseError) -> [String] {
        guard instruction.arguments.hasPrefix("[") else { return ["/bin/sh", "-c", instruction.arguments] }
        guard let argv = try? JSONDecoder().decode([String].self, from: Data(instruction.arguments.utf8)) else {
            throw DockerfileParseError(code: .malformedExecForm, line: instruction.line, detail: "not a JSON list of strings")
        }
        return argv
    }
}
