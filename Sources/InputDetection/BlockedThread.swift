/// A thread that is blocked in a system call, as `/proc/<pid>/task/<tid>/syscall` shows it.
struct BlockedThread {
    var pid: Int32
    var call: WaitingSyscall
    var arguments: [UInt64]

    /// `nil` when the thread is running, not in a system call, or in one that
    /// cannot wait for input.
    init?(pid: Int32, thread: Int32) {
        // Format: "<nr> 0x<arg0> ... 0x<arg5> 0x<sp> 0x<pc>", or "running".
        guard let text = ProcFS.text(of: "/proc/\(pid)/task/\(thread)/syscall") else { return nil }
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard fields.count >= 7, let number = Int(fields[0]), let call = WaitingSyscall(number: number) else {
            return nil
        }
        let arguments = fields[1...6].compactMap { UInt64($0.dropFirst(2), radix: 16) }
        guard arguments.count == 6 else { return nil }
        self.pid = pid
        self.call = call
        self.arguments = arguments
    }

    /// The descriptors this thread waits to read from.
    func awaitedDescriptors() -> [Int32] {
        switch call {
        case .read:
            return [Int32(truncatingIfNeeded: arguments[0])]
        case .epoll:
            return EpollInterest.readableDescriptors(of: pid, epoll: Int32(truncatingIfNeeded: arguments[0]))
        case .poll:
            return pollReadDescriptors(at: arguments[0], count: Int(min(arguments[1], 4096)))
        case .select:
            return selectReadDescriptors(count: Int(min(arguments[0], 65536)), at: arguments[1])
        }
    }

    private func pollReadDescriptors(at address: UInt64, count: Int) -> [Int32] {
        // struct pollfd { int fd; short events; short revents; }
        let pollIn: UInt16 = 0x1
        let pollReadNormal: UInt16 = 0x40
        guard count > 0, let bytes = ProcFS.memory(of: pid, at: address, count: count * 8) else { return [] }
        return bytes.withUnsafeBytes { raw in
            (0..<count).compactMap { index in
                let fd = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: Int32.self))
                let events = UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8 + 4, as: UInt16.self))
                return fd >= 0 && events & (pollIn | pollReadNormal) != 0 ? fd : nil
            }
        }
    }

    private func selectReadDescriptors(count: Int, at address: UInt64) -> [Int32] {
        // A little-endian bitmap of unsigned longs: bit n is byte n/8, bit n%8.
        guard count > 0, address != 0,
            let bytes = ProcFS.memory(of: pid, at: address, count: (count + 63) / 64 * 8)
        else { return [] }
        return (0..<count).filter { fd in
            let mask = UInt8(1) << UInt8(fd % 8)
            return bytes[fd / 8] & mask != 0
        }.map { Int32($0) }
    }
}
