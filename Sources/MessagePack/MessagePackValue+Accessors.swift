extension MessagePackValue {
    /// The value of the first map entry whose key is the string `key`; `nil` for non-maps.
    public subscript(key: String) -> MessagePackValue? {
        guard case .map(let entries) = self else { return nil }
        return entries.first { $0.key == .string(key) }?.value
    }

    /// The number as a `Double`, for `.double`, `.int` and `.uint`.
    public var doubleValue: Double? {
        switch self {
        case .double(let value): value
        case .int(let value): Double(value)
        case .uint(let value): Double(value)
        default: nil
        }
    }

    /// The integer as an `Int64`, for `.int` and for `.uint` values that fit.
    public var int64Value: Int64? {
        switch self {
        case .int(let value): value
        case .uint(let value): Int64(exactly: value)
        default: nil
        }
    }

    /// The text of a `.string`.
    public var stringValue: String? {
        guard case .string(let value) = self else { return nil }
        return value
    }
}
