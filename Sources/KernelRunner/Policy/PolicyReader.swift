import Yams

/// Typed access to the YAML nodes of one policy document.
///
/// Types are checked strictly, as the Go jail's YAML decoder does: `max_child_procs: "32"` is a
/// string, not a number. Every error names the key and the line, so a broken policy can be fixed
/// from the daemon's start-up message alone.
struct PolicyReader {
    /// The file, for error messages.
    let source: String

    func error(_ code: PolicyError.Code, at key: String?, _ node: Node?, _ detail: String) -> PolicyError {
        PolicyError(code, source: source, key: key, line: node?.mark?.line, detail: detail)
    }

    /// `key:` with no value, or `~`/`null`: the key counts as left out.
    func isNull(_ node: Node) -> Bool {
        resolvedTag(of: node) == .null
    }

    /// The entries of a mapping whose keys are strings, in file order, with the key's node (for
    /// errors about the key itself).
    func entries(of node: Node, at key: String?) throws(PolicyError) -> [(name: String, key: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            throw error(.wrongType, at: key, node, "expected a mapping of keys, found \(describe(node))")
        }
        var entries: [(name: String, key: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard resolvedTag(of: keyNode) == .str, let name = keyNode.string else {
                throw error(.wrongType, at: key, keyNode, "keys must be strings, found \(describe(keyNode))")
            }
            entries.append((name, keyNode, value))
        }
        return entries
    }

    func integer(_ node: Node, at key: String, minimum: Int) throws(PolicyError) -> Int {
        guard resolvedTag(of: node) == .int else {
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

    func boolean(_ node: Node, at key: String) throws(PolicyError) -> Bool {
        guard resolvedTag(of: node) == .bool, let value = node.bool else {
            throw error(.wrongType, at: key, node, "expected true or false, found \(describe(node))")
        }
        return value
    }

    /// A list of strings, each checked by `problem` (which describes what is wrong, or returns
    /// `nil` for a good element).
    func strings(_ node: Node, at key: String, problem: (String) -> String? = { _ in nil }) throws(PolicyError) -> [String] {
        guard case .sequence(let sequence) = node else {
            throw error(.wrongType, at: key, node, "expected a list of strings, found \(describe(node))")
        }
        var values: [String] = []
        for (index, element) in sequence.enumerated() {
            let elementKey = "\(key)[\(index)]"
            guard resolvedTag(of: element) == .str, let value = element.string else {
                let hint = element.scalar == nil ? "" : " (quote it to make it a string)"
                throw error(.wrongType, at: elementKey, element, "expected a string, found \(describe(element))\(hint)")
            }
            if let message = problem(value) {
                throw error(.invalidValue, at: elementKey, element, message)
            }
            values.append(value)
        }
        return values
    }

    /// The node's type after implicit resolution (`32` is an integer, `"32"` a string).
    private func resolvedTag(of node: Node) -> Tag.Name {
        Tag.Name(rawValue: node.tag.rawValue)
    }

    /// What a node is, for "expected …, found …" messages.
    func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            switch resolvedTag(of: node) {
            case .str: return "the string \"\(scalar.string)\""
            case .int: return "the integer \(scalar.string)"
            case .bool: return "the boolean \(scalar.string)"
            case .float: return "the number \(scalar.string)"
            case .null: return "no value"
            default: return "\"\(scalar.string)\""
            }
        }
    }
}
