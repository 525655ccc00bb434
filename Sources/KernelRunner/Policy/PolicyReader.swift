import YAML

/// Typed access to the YAML nodes of one policy document.
///
/// Types are checked strictly, as the Go jail's YAML decoder does: `max_child_procs: "32"` is a
/// string, not a number. Every error names the key and the line, so a broken policy can be fixed
/// from the daemon's start-up message alone.
struct PolicyReader {
    /// The file, for error messages.
    let source: String

    func error(_ code: PolicyError.Code, at key: String?, _ node: YAMLNode?, _ detail: String) -> PolicyError {
        PolicyError(code, source: source, key: key, line: node?.line, detail: detail)
    }

    /// `key:` with no value, or `~`/`null`: the key counts as left out.
    func isNull(_ node: YAMLNode) -> Bool {
        node.tag == .null
    }

    /// The entries of a mapping whose keys are strings, in file order, with the key's node (for
    /// errors about the key itself).
    func entries(of node: YAMLNode, at key: String?) throws(PolicyError) -> [(name: String, key: YAMLNode, value: YAMLNode)] {
        guard case .mapping(let pairs) = node.content else {
            throw error(.wrongType, at: key, node, "expected a mapping of keys, found \(describe(node))")
        }
        var entries: [(name: String, key: YAMLNode, value: YAMLNode)] = []
        for pair in pairs {
            let keyNode = pair.key
            guard keyNode.tag == .str, let name = keyNode.string else {
                throw error(.wrongType, at: key, keyNode, "keys must be strings, found \(describe(keyNode))")
            }
            entries.append((name, keyNode, pair.value))
        }
        return entries
    }

    func integer(_ node: YAMLNode, at key: String, minimum: Int) throws(PolicyError) -> Int {
        guard node.tag == .int else {
            throw error(.wrongType, at: key, node, "expected an integer, found \(describe(node))")
        }
        guard let value = node.int else {
            throw error(.invalidValue, at: key, node, "\(node.string ?? "") is out of range")
        }
        guard value >= minimum else {
            throw error(.invalidValue, at: key, node, "must be at least \(minimum), found \(value)")
        }
        return value
    }

    func boolean(_ node: YAMLNode, at key: String) throws(PolicyError) -> Bool {
        guard node.tag == .bool, let value = node.bool else {
            throw error(.wrongType, at: key, node, "expected true or false, found \(describe(node))")
        }
        return value
    }

    /// A list of strings, each checked by `problem` (which describes what is wrong, or returns
    /// `nil` for a good element).
    func strings(_ node: YAMLNode, at key: String, problem: (String) -> String? = { _ in nil }) throws(PolicyError) -> [String] {
        guard case .sequence(let sequence) = node.content else {
            throw error(.wrongType, at: key, node, "expected a list of strings, found \(describe(node))")
        }
        var values: [String] = []
        for (index, element) in sequence.enumerated() {
            let elementKey = "\(key)[\(index)]"
            guard element.tag == .str, let value = element.string else {
                let hint = element.string == nil ? "" : " (quote it to make it a string)"
                throw error(.wrongType, at: elementKey, element, "expected a string, found \(describe(element))\(hint)")
            }
            if let message = problem(value) {
                throw error(.invalidValue, at: elementKey, element, message)
            }
            values.append(value)
        }
        return values
    }

    /// What a node is, for "expected …, found …" messages.
    func describe(_ node: YAMLNode) -> String {
        switch node.content {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let text):
            switch node.tag {
            case .str: return "the string \"\(text)\""
            case .int: return "the integer \(text)"
            case .bool: return "the boolean \(text)"
            case .float: return "the number \(text)"
            case .null: return "no value"
            default: return "\"\(text)\""
            }
        }
    }
}
