/// The type of a node after YAML 1.1's implicit resolution: a plain `32` is an integer, a quoted
/// `"32"` a string, `yes` a boolean; an explicit tag (`!!str 32`) wins.
public enum YAMLTag: Sendable, Hashable {
    case null, bool, int, float, str, timestamp, merge, value, sequence, mapping
    /// A tag outside YAML's core types, as written (after libyaml's expansion of `!!`).
    case other(String)

    private static let prefix = "tag:yaml.org,2002:"

    /// The tag that `explicit` (libyaml's expanded tag text) names.
    init(explicit: String) {
        guard explicit.hasPrefix(Self.prefix) else {
            self = .other(explicit)
            return
        }
        switch explicit.dropFirst(Self.prefix.count) {
        case "null": self = .null
        case "bool": self = .bool
        case "int": self = .int
        case "float": self = .float
        case "str": self = .str
        case "timestamp": self = .timestamp
        case "merge": self = .merge
        case "value": self = .value
        case "seq": self = .sequence
        case "map": self = .mapping
        default: self = .other(explicit)
        }
    }

    /// The type of a plain scalar without a tag: the first of YAML 1.1's types whose spelling
    /// (https://yaml.org/type/, with `0o` for octal integers) `text` matches — booleans,
    /// integers, floats, merge keys, nulls, timestamps, `=` — else a string.
    init(resolvingPlain text: String) {
        if Self.booleans.contains(text) {
            self = .bool
        } else if text.wholeMatch(of: #/[-+]?(?:0b[01_]+|0o?[0-7_]+|0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)/#) != nil
        {
            self = .int
        } else if text.wholeMatch(
            of:
                #/[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)/#
        ) != nil {
            self = .float
        } else if text == "<<" {
            self = .merge
        } else if ["", "~", "null", "Null", "NULL"].contains(text) {
            self = .null
        } else if text.wholeMatch(
            of:
                #/[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?/#
        ) != nil {
            self = .timestamp
        } else {
            self = text == "=" ? .value : .str
        }
    }

    /// YAML 1.1's booleans without the one-letter `y`/`n` (which common YAML libraries read as
    /// strings).
    static let booleans: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
    ]
}
