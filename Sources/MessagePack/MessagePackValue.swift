/// One MessagePack value.
///
/// Maps keep their entries in wire order, and may hold any key type, as MessagePack allows.
public enum MessagePackValue: Sendable {
    case `nil`
    case bool(Bool)
    /// A signed integer. Decoding yields `.int` only for negative numbers; see ``uint(_:)``.
    case int(Int64)
    /// A non-negative integer. Decoding yields `.uint` for every integer ≥ 0.
    case uint(UInt64)
    /// A floating-point number. 32-bit floats decode to their exact `Double` value.
    case double(Double)
    /// UTF-8 text. Invalid UTF-8 in decoded input is repaired with U+FFFD.
    case string(String)
    case binary([UInt8])
    case array([MessagePackValue])
    /// Key-value pairs in wire order.
    case map([(key: MessagePackValue, value: MessagePackValue)])
    /// An application-defined extension type with its raw data.
    case `extension`(type: Int8, data: [UInt8])
}
