import CYAML

/// Composes YAML text into nodes with libyaml's parser: aliases replaced by the nodes their
/// anchors name, plain scalars typed by YAML 1.1's rules, duplicate keys refused.
public enum YAMLComposer {
    /// The single document of `text`; nil for a stream without one (empty, or only comments).
    public static func compose(_ text: String) throws(YAMLError) -> YAMLNode? {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else { throw YAMLError(.outOfMemory, problem: "cannot start the YAML parser") }
        defer { yaml_parser_delete(parser) }
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBufferPointer { buffer throws(YAMLError) in
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            var composition = Composition(parser: parser)
            return try composition.document()
        }
    }
}

/// The state of one composition: the parser and the anchors seen so far.
private struct Composition {
    let parser: UnsafeMutablePointer<yaml_parser_t>
    var anchors: [String: YAMLNode] = [:]

    init(parser: UnsafeMutablePointer<yaml_parser_t>) {
        self.parser = parser
    }

    mutating func document() throws(YAMLError) -> YAMLNode? {
        var root: YAMLNode?
        while true {
            var event = try next()
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return root
            case YAML_DOCUMENT_START_EVENT:
                guard root == nil else {
                    throw YAMLError(.multipleDocuments, line: Self.line(event.start_mark), problem: "expected a single document")
                }
                var first = try next()
                defer { yaml_event_delete(&first) }
                root = try node(from: &first)
            default:
                continue
            }
        }
    }

    private mutating func node(from event: inout yaml_event_t) throws(YAMLError) -> YAMLNode {
        let line = Self.line(event.start_mark)
        switch event.type {
        case YAML_ALIAS_EVENT:
            let name = String(cString: event.data.alias.anchor)
            guard let node = anchors[name] else {
                throw YAMLError(.undefinedAlias, line: line, problem: "no anchor \"\(name)\" before this alias")
            }
            return node
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let isPlain = scalar.style == YAML_PLAIN_SCALAR_STYLE
            let tag: YAMLTag =
                if let explicit = scalar.tag { YAMLTag(explicit: String(cString: explicit)) } else if isPlain {
                    YAMLTag(resolvingPlain: text)
                } else { .str }
            return remember(YAMLNode(.scalar(text), tag: tag, isPlain: isPlain, line: line), as: scalar.anchor)
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            var elements: [YAMLNode] = []
            while true {
                var element = try next()
                defer { yaml_event_delete(&element) }
                if element.type == YAML_SEQUENCE_END_EVENT { break }
                elements.append(try node(from: &element))
            }
            let tag = start.tag.map { YAMLTag(explicit: String(cString: $0)) } ?? .sequence
            return remember(YAMLNode(.sequence(elements), tag: tag, line: line), as: start.anchor)
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            var pairs: [YAMLPair] = []
            var keys: Set<YAMLNode> = []
            while true {
                var keyEvent = try next()
                defer { yaml_event_delete(&keyEvent) }
                if keyEvent.type == YAML_MAPPING_END_EVENT { break }
                let key = try node(from: &keyEvent)
                var valueEvent = try next()
                defer { yaml_event_delete(&valueEvent) }
                let value = try node(from: &valueEvent)
                // Keys compare by content and type, not by where they were written.
                guard keys.insert(YAMLNode(key.content, tag: key.tag, line: 0)).inserted else {
                    throw YAMLError(.duplicateKey, line: key.line, problem: "the key \(key.string.map { "\"\($0)\"" } ?? "") appears twice")
                }
                pairs.append(YAMLPair(key: key, value: value))
            }
            let tag = start.tag.map { YAMLTag(explicit: String(cString: $0)) } ?? .mapping
            return remember(YAMLNode(.mapping(pairs), tag: tag, line: line), as: start.anchor)
        default:
            throw YAMLError(.syntax, line: line, problem: "unexpected YAML event \(event.type.rawValue)")
        }
    }

    private mutating func remember(_ node: YAMLNode, as anchor: UnsafeMutablePointer<yaml_char_t>?) -> YAMLNode {
        if let anchor {
            anchors[String(cString: anchor)] = node
        }
        return node
    }

    /// The next event; the caller deletes it.
    private func next() throws(YAMLError) -> yaml_event_t {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else {
            let state = parser.pointee
            guard state.error != YAML_MEMORY_ERROR else { throw YAMLError(.outOfMemory, problem: "libyaml ran out of memory") }
            var problem = state.problem.map { String(cString: $0) } ?? "invalid YAML"
            if let context = state.context {
                problem += " " + String(cString: context)
            }
            throw YAMLError(.syntax, line: Self.line(state.problem_mark), column: Int(state.problem_mark.column) + 1, problem: problem)
        }
        return event
    }

    private static func line(_ mark: yaml_mark_t) -> Int {
        Int(mark.line) + 1
    }
}
