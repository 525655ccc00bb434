import CMsgPack

extension MessagePackValue {
    /// Parses exactly one MessagePack value.
    ///
    /// - Throws: ``MessagePackError`` for empty, truncated, malformed or over-long input;
    ///   never traps on hostile bytes. Containers may nest at most 32 deep.
    public static func decode(_ bytes: [UInt8]) throws(MessagePackError) -> MessagePackValue {
        // msgpack_unpacked owns the zone that the decoded objects point into.
        let unpacked = UnsafeMutablePointer<msgpack_unpacked>.allocate(capacity: 1)
        msgpack_unpacked_init(unpacked)
        defer {
            msgpack_unpacked_destroy(unpacked)
            unpacked.deallocate()
        }
        var offset = 0
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                msgpack_unpack_next(unpacked, $0.baseAddress, $0.count, &offset)
            }
        }
        switch status {
        case MSGPACK_UNPACK_SUCCESS, MSGPACK_UNPACK_EXTRA_BYTES:
            guard offset == bytes.count else {
                throw MessagePackError(code: .trailingBytes, inputLength: bytes.count)
            }
            return MessagePackValue(unpacked.pointee.data)
        case MSGPACK_UNPACK_CONTINUE:
            throw MessagePackError(code: .truncated, inputLength: bytes.count)
        case MSGPACK_UNPACK_NOMEM_ERROR:
            throw MessagePackError(code: .limitExceeded, inputLength: bytes.count)
        default:
            throw MessagePackError(code: .malformed, inputLength: bytes.count)
        }
    }

    /// Copies a msgpack-c object tree; recursion depth is bounded by msgpack-c's parser stack.
    private init(_ object: msgpack_object) {
        switch object.type {
        case MSGPACK_OBJECT_NIL:
            self = .nil
        case MSGPACK_OBJECT_BOOLEAN:
            self = .bool(object.via.boolean)
        case MSGPACK_OBJECT_POSITIVE_INTEGER:
            self = .uint(object.via.u64)
        case MSGPACK_OBJECT_NEGATIVE_INTEGER:
            self = .int(object.via.i64)
        case MSGPACK_OBJECT_FLOAT32, MSGPACK_OBJECT_FLOAT64:
            self = .double(object.via.f64)
        case MSGPACK_OBJECT_STR:
            let text = UnsafeRawBufferPointer(start: object.via.str.ptr, count: Int(object.via.str.size))
            self = .string(String(decoding: text, as: UTF8.self))
        case MSGPACK_OBJECT_BIN:
            self = .binary(Self.bytes(object.via.bin.ptr, count: object.via.bin.size))
        case MSGPACK_OBJECT_ARRAY:
            let elements = UnsafeBufferPointer(start: object.via.array.ptr, count: Int(object.via.array.size))
            self = .array(elements.map(MessagePackValue.init))
        case MSGPACK_OBJECT_MAP:
            let entries = UnsafeBufferPointer(start: object.via.map.ptr, count: Int(object.via.map.size))
            self = .map(entries.map { (key: MessagePackValue($0.key), value: MessagePackValue($0.val)) })
        case MSGPACK_OBJECT_EXT:
            self = .extension(type: object.via.ext.type, data: Self.bytes(object.via.ext.ptr, count: object.via.ext.size))
        default:
            // msgpack-c reports no other types; treat a future one as absent rather than trap.
            self = .nil
        }
    }

    private static func bytes(_ pointer: UnsafePointer<CChar>?, count: UInt32) -> [UInt8] {
        [UInt8](UnsafeRawBufferPointer(start: pointer, count: Int(count)))
    }
}
