import CSpawn
import Glibc

/// The socket pair over which a confined child hands its seccomp notification listener to the
/// daemon (the listener exists only in the child, once it installed its filter).
struct ListenerChannel {
    let daemonEnd: Int32
    let childEnd: Int32

    init() throws(SpawnError) {
        var daemonEnd: Int32 = -1
        var childEnd: Int32 = -1
        let error = krs_descriptor_channel(&daemonEnd, &childEnd)
        guard error == 0 else { throw SpawnError(code: .pipe, errno: error) }
        self.daemonEnd = daemonEnd
        self.childEnd = childEnd
    }

    func close() {
        _ = Glibc.close(daemonEnd)
        _ = Glibc.close(childEnd)
    }
}
