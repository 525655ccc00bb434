import Glibc

/// One control group directory of a run, open for the child to join.
struct ControlGroup: Sendable {
    let path: String
    let hierarchy: ControlGroupHierarchy
    /// `cgroup.procs`, open for writing: the child writes "0" into it before exec to join.
    let membershipDescriptor: Int32
    /// The directory itself, on cgroup v2: the child is created in it (`clone3`), -1 on v1.
    let directoryDescriptor: Int32
    /// `cgroup.procs` again, open for reading, on cgroup v2 (-1 on v1): ``members`` reads it
    /// from the start each time, where v2 lists the members anew, which saves an open and a close
    /// per read. A v1 file keeps the list it made first for as long as it is open (and a second
    /// after): there each read opens the file.
    private let listingDescriptor: Int32
    /// What `pids.max` is set to (nil: no limit).
    private(set) var processLimit: Int?

    /// A new, empty group in `hierarchy`; nil if it cannot be created.
    init?(in hierarchy: ControlGroupHierarchy) {
        guard let path = hierarchy.makeGroup() else { return nil }
        let membership = open(path + "/cgroup.procs", O_WRONLY | O_CLOEXEC)
        let isUnified = hierarchy.version == .v2
        let listing = isUnified ? open(path + "/cgroup.procs", O_RDONLY | O_CLOEXEC) : -1
        let directory = isUnified ? open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1
        guard membership >= 0, !isUnified || (listing >= 0 && directory >= 0) else {
            for descriptor in [membership, listing, directory] where descriptor >= 0 {
                close(descriptor)
            }
            hierarchy.removeGroup(path)
            return nil
        }
        self.path = path
        self.hierarchy = hierarchy
        membershipDescriptor = membership
        listingDescriptor = listing
        directoryDescriptor = directory
    }

    /// The pids of the members right now; nil when they cannot be read.
    var members: [Int32]? {
        var members: [Int32] = []
        var number: Int32 = 0
        var hasDigits = false
        var offset = 0
        let listing = listingDescriptor >= 0 ? listingDescriptor : open(path + "/cgroup.procs", O_RDONLY | O_CLOEXEC)
        guard listing >= 0 else { return nil }
        defer { if listing != listingDescriptor { close(listing) } }
        // Parsed as read, from an uninitialised buffer: every run's end reads the (mostly empty) list.
        let isRead = withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 8) { chunk in
            while true {
                let count = pread(listing, chunk.baseAddress, chunk.count, off_t(offset))
                if count < 0 && errno == EINTR { continue }
                guard count >= 0 else { return false }
                guard count > 0 else { return true }
                offset += count
                for byte in chunk[..<count] {
                    if byte == UInt8(ascii: "\n") {
                        if hasDigits { members.append(number) }
                        (number, hasDigits) = (0, false)
                    } else {
                        number = number &* 10 &+ Int32(byte &- UInt8(ascii: "0"))
                        hasDigits = true
                    }
                }
            }
        }
        guard isRead else { return nil }
        if hasDigits { members.append(number) }
        return members
    }

    /// Sets `pids.max`: to `limit` processes, or no limit; false if it cannot be written.
    mutating func limitProcesses(to limit: Int?) -> Bool {
        let limit = limit.map { max($0, 1) }
        guard write(limit.map(String.init) ?? "max", to: "pids.max") else { return false }
        processLimit = limit
        return true
    }

    /// Sets the memory limit; where swap is accounted it is closed too, so swapping cannot dodge
    /// the limit, and on v2 the kernel kills the whole run at once (`oom.group`).
    func limitMemory(to bytes: Int) -> Bool {
        let limit = String(max(bytes, 0))
        switch hierarchy.version {
        case .v1:
            // memsw (memory + swap) may not be set below the memory limit: it goes second.
            return write(limit, to: "memory.limit_in_bytes") && writeIfPresent(limit, to: "memory.memsw.limit_in_bytes")
        case .v2:
            return write(limit, to: "memory.max") && writeIfPresent("0", to: "memory.swap.max")
                && writeIfPresent("1", to: "memory.oom.group")
        }
    }

    /// The file where the kernel counts the processes it killed at the memory limit (`oom_kill`).
    var memoryEventsPath: String {
        path + (hierarchy.version == .v1 ? "/memory.oom_control" : "/memory.events")
    }

    /// Closes the group; its directory goes once its last (reaped) member is gone.
    func remove() {
        close(membershipDescriptor)
        if listingDescriptor >= 0 { close(listingDescriptor) }
        if directoryDescriptor >= 0 { close(directoryDescriptor) }
        hierarchy.removeGroup(path)
    }

    private func writeIfPresent(_ text: String, to file: String) -> Bool {
        access(path + "/" + file, F_OK) != 0 || write(text, to: file)
    }

    private func write(_ text: String, to file: String) -> Bool {
        let descriptor = open(path + "/" + file, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) } == bytes.count
    }
}
