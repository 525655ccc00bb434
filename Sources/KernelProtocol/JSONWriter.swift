/// Writes JSON text the way Python's `json.dumps` does by default (`", "` and `": "` separators,
/// non-ASCII escaped as `\uXXXX`), so our frames are byte-identical to the original runner's.
package struct JSONWriter {
    package private(set) var bytes: [UInt8] = []

    package init() {}

    package mutating func object(_ body: (inout ObjectWriter) -> Void) {
        var writer = ObjectWriter(json: self)
        // The writer's bytes alone: appending to them then copies nothing.
        self = JSONWriter()
        writer.open()
        body(&writer)
        writer.close()
        self = writer.json
    }

    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings (keys, reasons) are printable ASCII without quotes or backslashes: their
        // UTF-8 is their JSON.
        var value = value
        let isPlain = value.withUTF8 { utf8 in
            guard utf8.allSatisfy({ (0x20..<0x7F).contains($0) && $0 != 0x22 && $0 != 0x5C }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if !isPlain {
            escape(value)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ value: String) {
        for unit in value.utf16 {
            switch unit {
            case 0x22: raw(#"\""#)
            case 0x5C: raw(#"\\"#)
            case 0x0A: raw(#"\n"#)
            case 0x0D: raw(#"\r"#)
            case 0x09: raw(#"\t"#)
            case 0x08: raw(#"\b"#)
            case 0x0C: raw(#"\f"#)
            case 0x20..<0x7F: bytes.append(UInt8(unit))
            default:
                let hex = String(unit, radix: 16)
                raw("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            }
        }
    }

    mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
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
