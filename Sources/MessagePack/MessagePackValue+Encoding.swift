import CMsgPack

extension MessagePackValue {
    /// Serializes the value to MessagePack bytes, using the smallest encoding of each item.
    public func encode() -> [UInt8] {
        // msgpack-c keeps a pointer to the buffer inside the packer, so both need fixed addresses.
        let buffer = UnsafeMutablePointer<msgpack_sbuffer>.allocate(capacity: 1)
        let packer = UnsafeMutablePointer<msgpack_packer>.allocate(capacity: 1)
        msgpack_sbuffer_init(buffer)
        defer {
            msgpack_sbuffer_destroy(buffer)
            buffer.deallocate()
            packer.deallocate()
        }
        msgpack_packer_init(packer, buffer, msgpack_sbuffer_write)
        pack(into: packer)
        guard buffer.pointee.size > 0, let data = buffer.pointee.data else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: data, count: buffer.pointee.size))
    }

    private func pack(into packer: UnsafeMutablePointer<msgpack_packer>) {
        let status: Int32
        switch self {
        case .nil:
            status = msgpack_pack_nil(packer)
        case .bool(let value):
            status = value ? msgpack_pack_true(packer) : msgpack_pack_false(packer)
        case .int(let value):
            status = msgpack_pack_int64(packer, value)
        case .uint(let value):
            status = msgpack_pack_uint64(packer, value)
        case .double(let value):
            status = msgpack_pack_double(packer, value)
        case .string(let value):
            var utf8 = value
            status = utf8.withUTF8 { msgpack_pack_str_with_body(packer, $0.baseAddress, $0.count) }
        case .binary(let bytes):
            status = bytes.withUnsafeBytes { msgpack_pack_bin_with_body(packer, $0.baseAddress, $0.count) }
        case .array(let elements):
            status = msgpack_pack_array(packer, elements.count)
            for element in elements { element.pack(into: packer) }
        case .map(let entries):
            status = msgpack_pack_map(packer, entries.count)
            for entry in entries {
                entry.key.pack(into: packer)
                entry.value.pack(into: packer)
            }
        case .extension(let type, let data):
            status = data.withUnsafeBytes { msgpack_pack_ext_with_body(packer, $0.baseAddress, $0.count, type) }
        }
        // The sbuffer writer only fails when realloc does; there is no sensible recovery.
        precondition(status == 0, "msgpack-c could not grow its buffer")
    }
}
