/// One node of a composed YAML document: its content, its resolved type and where it starts.
public struct YAMLNode: Sendable, Hashable {
    /// A scalar's text, a sequence's elements, or a mapping's pairs in file order.
    public enum Content: Sendable, Hashable {
        case scalar(String)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    /// What the node holds.
    public let content: Content
    /// The type, after implicit resolution for plain scalars.
    public let tag: YAMLTag
    /// A scalar written without quotes or block indicators: only those spell numbers.
    public let isPlain: Bool
    /// The 1-based line the node starts on.
    public let line: Int

    /// Creates a node.
    public init(_ content: Content, tag: YAMLTag, isPlain: Bool = false, line: Int) {
        self.content = content
        self.tag = tag
        self.isPlain = isPlain
        self.line = line
    }

    /// A scalar's text, whatever its type; nil for collections.
    public var string: String? {
        guard case .scalar(let text) = content else { return nil }
        return text
    }

    /// A boolean scalar's value (`true`, `yes`, `on` and their negations, in any case); nil
    /// for strings and for anything else.
    public var bool: Bool? {
        guard tag != .str, let text = string?.lowercased() else { return nil }
        switch text {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// A plain integer scalar's value in YAML 1.1's spellings (`_` separators, `0x`, `0b`, `0o`
    /// or a leading `0` for octal, `1:30` in base 60); nil if it does not fit an `Int`.
    public var int: Int? {
        guard isPlain, var text = string?.filter({ $0 != "_" }) else { return nil }
        var sign = ""
        if let first = text.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            text.removeFirst()
        }
        if text.contains(":") {
            return Self.sexagesimal(text, negative: !sign.isEmpty)
        }
        for (prefix, radix) in [("0x", 16), ("0b", 2), ("0o", 8)] where text.hasPrefix(prefix) {
            return Int(sign + text.dropFirst(prefix.count), radix: radix)
        }
        if text.count > 1, text.hasPrefix("0") {
            return Int(sign + text.dropFirst(), radix: 8)
        }
        return Int(sign + text)
    }

    /// `1:30` is 90: base-60 digits separated by colons.
    private static func sexagesimal(_ text: String, negative: Bool) -> Int? {
        var value = 0
        for component in text.split(separator: ":", omittingEmptySubsequences: false) {
            guard let digit = Int(component) else { return nil }
            let (shifted, overflowShift) = value.multipliedReportingOverflow(by: 60)
            let (sum, overflowAdd) = shifted.addingReportingOverflow(digit)
            guard !overflowShift, !overflowAdd else { return nil }
            value = sum
        }
        return negative ? -value : value
    }
}

/// One key and its value in a mapping.
public struct YAMLPair: Sendable, Hashable {
    /// The key, a node of any kind.
    public let key: YAMLNode
    /// Its value.
    public let value: YAMLNode

    /// Creates a pair.
    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}
