import Glibc
import KernelProtocol
import KernelRunnerCore

/// Expands the templates of service definitions: `{expr}` (Python brace style) and
/// `${{ expr }}` (GitHub style), where `expr` is a variable name followed by any number of
/// `[index]`, `[key]` or `.key` accessors, e.g. `{ports[0]}` or `${{ result.out }}`.
///
/// `{{` and `}}` outside an expression are literal braces, as in Python's `str.format` (the
/// stock `jupyter.json` relies on it for a Python dict literal), and `${name}` stays as it is
/// for the shell, as in the original. Values are written as
/// ``JSONValue/text`` renders them (integral numbers without a fraction).
package enum ServiceTemplate {
    /// Expands every expression in `template`.
    static func expand(_ template: String, with variables: [String: JSONValue]) throws(ServiceError) -> String {
        var output = ""
        var rest = Substring(template)
        while let brace = rest.firstIndex(where: { $0 == "{" || $0 == "}" || $0 == "$" }) {
            output += rest[..<brace]
            rest = rest[brace...]
            if rest.hasPrefix("${{") {
                guard let end = rest.firstRange(of: "}}") else { throw invalid(template, "unterminated \"${{\"") }
                output += try evaluate(rest[rest.index(rest.startIndex, offsetBy: 3)..<end.lowerBound], in: template, variables)
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("${") {
                // A shell parameter such as `${HOME}` in a script command, left to the shell.
                output += "${"
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix("{{") || rest.hasPrefix("}}") {
                output.append(rest.first!)
                rest = rest.dropFirst(2)
            } else if rest.hasPrefix("{") {
                guard let end = rest.firstIndex(of: "}") else { throw invalid(template, "unterminated \"{\"") }
                output += try evaluate(rest[rest.index(after: rest.startIndex)..<end], in: template, variables)
                rest = rest[rest.index(after: end)...]
            } else {
                // A lone "}" or a "$" that starts no expression is plain text.
                output.append(rest.first!)
                rest = rest.dropFirst()
            }
        }
        return output + rest
    }

    /// `text` with every brace doubled, so that expanding it gives `text` back (for paths and
    /// values built in code that go into a template).
    package static func escape(_ text: String) -> String {
        text.replacing("{", with: "{{").replacing("}", with: "}}")
    }

    private static func evaluate(_ expression: Substring, in template: String, _ variables: [String: JSONValue]) throws(ServiceError)
        -> String
    {
        let source = String(expression.trimmingWhitespace)
        var rest = Substring(source)
        let name = rest.prefix { $0 == "_" || $0.isLetter || $0.isNumber }
        guard !name.isEmpty, !name.first!.isNumber else { throw invalid(template, "\"\(source)\" is not a variable") }
        guard var value = variables[String(name)] else { throw invalid(template, "unknown variable \"\(name)\"") }
        rest = rest.dropFirst(name.count)
        while let accessor = rest.first {
            let key: Substring
            if accessor == "[" {
                guard let close = rest.firstIndex(of: "]") else { throw invalid(template, "unterminated \"[\" in \"\(source)\"") }
                key = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
            } else if accessor == "." {
                key = rest.dropFirst().prefix { $0 == "_" || $0.isLetter || $0.isNumber }
                rest = rest.dropFirst(1 + key.count)
            } else {
                throw invalid(template, "unsupported syntax in \"\(source)\"")
            }
            value = try member(String(key), of: value, in: template, source: source)
        }
        return value.text
    }

    private static func member(_ key: String, of value: JSONValue, in template: String, source: String) throws(ServiceError) -> JSONValue {
        switch value {
        case .array(let items):
            guard let index = Int(key), items.indices.contains(index) else {
                throw invalid(template, "no item [\(key)] in \"\(source)\"")
            }
            return items[index]
        case .object(let members):
            guard let member = members[key] else { throw invalid(template, "no key \"\(key)\" in \"\(source)\"") }
            return member
        default:
            throw invalid(template, "\"\(source)\" indexes a value that has no items")
        }
    }

    private static func invalid(_ template: String, _ detail: String) -> ServiceError {
        ServiceError(.template, "invalid template \"\(template)\": \(detail)")
    }
}
