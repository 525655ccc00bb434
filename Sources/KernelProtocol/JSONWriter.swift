/// Writes JSON text the way Python's `json.dumps` does by default (`", "` and `": "` separators,
/// non-ASCII escaped as `\uXXXX`), so our frames are byte-identical to the original runner's.
package struct JSONWriter {
    package private(set) var bytes: [UInt8] = []

    package init() {}

    package mutating func object(_ body: (inout ObjectWriter) -> Void) {
        var writer = ObjectWriter(json: self)
        writer.open()
        body(&writer)
        writer.close()
        self = writer.json
    }

    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for unit in value.utf16 {
            switch unit {
            case 0x22: bytes += Array(#"\""#.utf8)
            case 0x5C: bytes += Array(#"\\"#.utf8)
            case 0x0A: bytes += Array(#"\n"#.utf8)
            case 0x0D: bytes += Array(#"\r"#.utf8)
            case 0x09: bytes += Array(#"\t"#.utf8)
            case 0x08: bytes += Array(#"\b"#.utf8)
            case 0x0C: bytes += Array(#"\f"#.utf8)
            case 0x20..<0x7F: bytes.append(UInt8(unit))
            default:
                let hex = String(unit, radix: 16)
                bytes += Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func raw(_ text: String) {
        bytes += Array(text.utf8)
    }

    mutating func number(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 1e16 {
            raw(String(Int64(value)) + ".0")
        } else {
            raw(value.isFinite ? String(value) : "null")
        }
    }

    mutating func array(_ values: [String]) {
        raw("[")
        for (index, value) in values.enumerated() {
            if index > 0 { raw(", ") }
            string(value)
        }
        raw("]")
    }

    /// Writes the members of one JSON object.
    package struct ObjectWriter {
        var json: JSONWriter
        private var first = true

        init(json: JSONWriter) {
            self.json = json
        }

        mutating func open() { json.raw("{") }
        mutating func close() { json.raw("}") }

        mutating func key(_ name: String) {
            if !first { json.raw(", ") }
            first = false
            json.string(name)
            json.raw(": ")
        }

        package mutating func member(_ name: String, _ value: String) {
            key(name)
            json.string(value)
        }

        mutating func member(_ name: String, int value: Int) {
            key(name)
            json.raw(String(value))
        }

        mutating func member(_ name: String, bool value: Bool) {
            key(name)
            json.raw(value ? "true" : "false")
        }

        mutating func member(_ name: String, double value: Double) {
            key(name)
            json.number(value)
        }

        mutating func member(_ name: String, strings value: [String]) {
            key(name)
            json.array(value)
        }
    }
}
