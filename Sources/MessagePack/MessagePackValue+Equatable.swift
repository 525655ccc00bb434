extension MessagePackValue: Equatable {
    /// Structural equality; map entries compare in order, and `.int(5) != .uint(5)`.
    public static func == (lhs: MessagePackValue, rhs: MessagePackValue) -> Bool {
        switch (lhs, rhs) {
        case (.nil, .nil): true
        case (.bool(let l), .bool(let r)): l == r
        case (.int(let l), .int(let r)): l == r
        case (.uint(let l), .uint(let r)): l == r
        case (.double(let l), .double(let r)): l == r
        case (.string(let l), .string(let r)): l == r
        case (.binary(let l), .binary(let r)): l == r
        case (.array(let l), .array(let r)): l == r
        case (.map(let l), .map(let r)):
            l.count == r.count && zip(l, r).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.extension(let lType, let lData), .extension(let rType, let rData)):
            lType == rType && lData == rData
        default: false
        }
    }
}
