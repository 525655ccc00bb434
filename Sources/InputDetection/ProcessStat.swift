/// The fields of `/proc/<pid>/stat` that input detection needs.
struct ProcessStat {
    var session: Int32
    /// The controlling terminal in the kernel's `new_encode_dev` form; 0 for none.
    var terminal: UInt64

    init?(pid: Int32) {
        // The command name may contain spaces and parentheses; fields resume
        // after the last ')'.
        guard let text = ProcFS.text(of: "/proc/\(pid)/stat"),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is the state: session is field 6 and tty_nr field 7 of stat.
        guard fields.count > 4, let session = Int32(fields[3]), let terminal = Int64(fields[4]) else {
            return nil
        }
        self.session = session
        self.terminal = UInt64(bitPattern: terminal)
    }
}
