/// Reads which descriptors an epoll instance watches for input, from
/// `/proc/<pid>/fdinfo/<epfd>` lines such as `tfd: 0 events: 19 data: ...`.
enum EpollInterest {
    static func readableDescriptors(of pid: Int32, epoll: Int32) -> [Int32] {
        guard let text = ProcFS.text(of: "/proc/\(pid)/fdinfo/\(epoll)") else { return [] }
        let epollIn: UInt32 = 0x1
        let epollReadNormal: UInt32 = 0x40
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 4, fields[0] == "tfd:", fields[2] == "events:",
                let fd = Int32(fields[1]), let events = UInt32(fields[3], radix: 16),
                events & (epollIn | epollReadNormal) != 0
            else { return nil }
            return fd
        }
    }
}
