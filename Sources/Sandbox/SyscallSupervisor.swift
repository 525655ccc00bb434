import CSandbox
import CSeccomp
import Glibc
import Synchronization
import SystemSupport

/// The daemon's one thread that answers the seccomp notifications of every confined process
/// tree: a blocked syscall of a confined program waits until it is answered here.
public final class SyscallSupervisor: Sendable {
    private struct Registration {
        let listener: Int32
        let handler: any SyscallNotificationHandler
    }

    private struct State {
        var registrations: [Int32: Registration] = [:]
        /// Bumped on every change, so the serving loop rebuilds its poll set only then.
        var generation = 0
    }

    private let state = Mutex(State())
    private let wakeup: WakeupDescriptor

    /// The process-wide supervisor, started on first use.
    public static let shared: SyscallSupervisor = {
        do {
            return try SyscallSupervisor()
        } catch {
            preconditionFailure("cannot start the syscall supervisor: \(error)")
        }
    }()

    private init() throws(SystemError) {
        wakeup = try WakeupDescriptor()
        try OSThread.detach(name: "kr-sandbox") { [self] in serve() }
    }

    /// Answers the notifications of `listener` with `handler` until every process of the tree
    /// is gone; the supervisor closes the listener then.
    public func supervise(_ listener: Int32, with handler: any SyscallNotificationHandler) {
        // Best effort: older kernels wake the supervisor the usual way.
        _ = krs_seccomp_listener_wake_synchronously(listener)
        state.withLock {
            $0.registrations[listener] = Registration(listener: listener, handler: handler)
            $0.generation += 1
        }
        wakeup.signal()
    }

    private func serve() {
        var request: UnsafeMutablePointer<seccomp_notif>?
        var response: UnsafeMutablePointer<seccomp_notif_resp>?
        guard seccomp_notify_alloc(&request, &response) == 0, let request, let response else {
            preconditionFailure("cannot allocate seccomp notification buffers")
        }
        var generation = -1
        var registrations: [Registration] = []
        var descriptors: [pollfd] = []
        while true {
            let changed = state.withLock { state in
                guard state.generation != generation else { return false }
                generation = state.generation
                registrations = Array(state.registrations.values)
                return true
            }
            if changed {
                descriptors =
                    [pollfd(fd: wakeup.fileDescriptor, events: Int16(POLLIN), revents: 0)]
                    + registrations.map { pollfd(fd: $0.listener, events: Int16(POLLIN), revents: 0) }
            }
            guard poll(&descriptors, nfds_t(descriptors.count), -1) > 0 else { continue }
            if descriptors[0].revents != 0 { wakeup.drain() }
            for (index, registration) in registrations.enumerated() {
                let events = descriptors[index + 1].revents
                if events & Int16(POLLIN) != 0 {
                    answer(registration, request: request, response: response)
                } else if events & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                    state.withLock {
                        _ = $0.registrations.removeValue(forKey: registration.listener)
                        $0.generation += 1
                    }
                    close(registration.listener)
                }
            }
        }
    }

    private func answer(
        _ registration: Registration,
        request: UnsafeMutablePointer<seccomp_notif>,
        response: UnsafeMutablePointer<seccomp_notif_resp>
    ) {
        memset(request, 0, MemoryLayout<seccomp_notif>.size)
        // ENOENT: the caller died before its notification was read.
        guard seccomp_notify_receive(registration.listener, request) == 0 else { return }
        let data = request.pointee.data
        let arguments = withUnsafeBytes(of: data.args) { Array($0.bindMemory(to: UInt64.self)) }
        let notification = SyscallNotification(
            pid: Int32(bitPattern: request.pointee.pid), syscall: Syscall(number: data.nr),
            arguments: arguments, listener: registration.listener, id: request.pointee.id)
        let decision = registration.handler.decide(notification)
        response.pointee.id = request.pointee.id
        switch decision {
        case .proceed:
            response.pointee.val = 0
            response.pointee.error = 0
            response.pointee.flags = UInt32(SECCOMP_USER_NOTIF_FLAG_CONTINUE)
        case .deny(let errno):
            response.pointee.val = 0
            response.pointee.error = -errno
            response.pointee.flags = 0
        }
        _ = seccomp_notify_respond(registration.listener, response)
    }
}
